// Opens the data folder (or the running stack, or with IEP_TARGET=aws the deployed stack) for one
// command and always closes it again.
import { readLocalConfig } from '../config';
import type { LocalData } from '../open-local-data';
import type { CliIo } from './command';

// Loaded on first use: `iep --help` and usage errors never load the AWS SDK.

export async function withLocalData<T>(io: CliIo, use: (data: LocalData) => Promise<T>): Promise<T> {
  const config = readLocalConfig(io.env, io.cwd);
  const data =
    io.env.IEP_TARGET === 'aws'
      ? await (await import('./deployed-data')).openDeployedData(config)
      : await (await import('../open-local-data')).openLocalData(config);
  try {
    return await use(data);
  } finally {
    await data.close();
  }
}

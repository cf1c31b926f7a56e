// Opens the data folder (or the running stack) for one command and always closes it again.
import { readLocalConfig } from '../config';
import type { LocalData } from '../open-local-data';
import type { CliIo } from './command';

// Loaded on first use: `iep --help` and usage errors never load the AWS SDK.

export async function withLocalData<T>(io: CliIo, use: (data: LocalData) => Promise<T>): Promise<T> {
  const config = readLocalConfig(io.env, io.cwd);
  const { openLocalData } = await import('../open-local-data');
  const data = await openLocalData(config);
  try {
    return await use(data);
  } finally {
    await data.close();
  }
}

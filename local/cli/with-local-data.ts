// Opens the data folder (or the running stack) for one command and always closes it again.
import { readLocalConfig } from '../config';
import { type LocalData, openLocalData } from '../open-local-data';
import type { CliIo } from './command';

export async function withLocalData<T>(io: CliIo, use: (data: LocalData) => Promise<T>): Promise<T> {
  const data = await openLocalData(readLocalConfig(io.env, io.cwd));
  try {
    return await use(data);
  } finally {
    await data.close();
  }
}

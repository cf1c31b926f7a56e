// Runs the `iep` command in-process against a data folder (the running stack there, if any),
// collecting what it prints.
import { main } from '../../local/cli/main';

export async function runIep(dataDir: string, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: { IEP_DATA_DIR: dataDir },
    cwd: dataDir,
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

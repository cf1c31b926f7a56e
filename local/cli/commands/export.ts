// `iep export --child ADDRESS --out DIR`: everything kept for a child as files: records.csv,
// deadlines.ics and originals.zip (the messages as received), whatever their size.
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { exportChild } from '../../../shared/replies/export-bundle';
import { type CliCommand, UsageError } from '../command';
import { parseOptions, requireOption } from '../parse-options';
import { withLocalData } from '../with-local-data';

const usage = `Usage: iep export --child ADDRESS --out DIR

Writes into DIR (created if needed):
  records.csv    every record, removed ones included, with where it came from,
                 whether a guardian confirmed it and its last change
  deadlines.ics  the open deadlines and IEP meetings, for a calendar
  originals.zip  every stored message of the child, exactly as received`;

export const command: CliCommand = {
  name: 'export',
  summary: "Write a child's records (CSV), deadlines (calendar) and original messages (zip) to a folder",
  usage,
  async run(args, io) {
    const { values } = parseOptions(args, { child: { type: 'string' }, out: { type: 'string' } });
    const address = requireOption(values.child, '--child ADDRESS');
    const out = resolve(io.cwd, requireOption(values.out, '--out DIR'));
    return withLocalData(io, async (data) => {
      const child = await data.services.children.findByAddress(address);
      if (!child) throw new UsageError(`No child has the inbound address ${address}.`);
      const bundle = await exportChild(data.services, child.id);
      if (!bundle) throw new UsageError(`No child has the inbound address ${address}.`);
      await mkdir(out, { recursive: true });
      await writeFile(resolve(out, 'records.csv'), bundle.csv);
      await writeFile(resolve(out, 'deadlines.ics'), bundle.ics);
      if (bundle.zip) await writeFile(resolve(out, 'originals.zip'), bundle.zip);
      io.out(
        `Exported ${child.name} to ${out}: ${bundle.records} records, ${bundle.deadlines} deadlines, ${bundle.messages} original messages.`,
      );
      return 0;
    });
  },
};

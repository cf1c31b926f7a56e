// `iep ingest --to ADDRESS FILE.eml...`: feeds messages through the same pipeline as mail arriving
// over SMTP (or SES in AWS), sender checks included, and says what happened to each.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { IngestResult } from '../../../shared/ingest/ingest-types';
import { LOCALLY_TRUSTED } from '../../smtp-inbound';
import { type CliCommand, UsageError } from '../command';
import { parseOptions, requireOption } from '../parse-options';
import { withLocalData } from '../with-local-data';

const usage = `Usage: iep ingest --to ADDRESS FILE.eml [FILE.eml ...] [--json]

Delivers each file, as raw bytes, to ADDRESS (a child's inbound address) through the same
pipeline as mail arriving over SMTP: stored untouched, sender checked, read into records,
answered. Prints one line per file (--json: one JSON object per line).`;

const STATUS_WORDS: Record<string, string> = {
  recorded: 'read',
  duplicate: 'already processed (duplicate), nothing done',
  quarantined: "quarantined: not from this family's people; kept, not read",
  unreadable: 'could not be read; kept, and the guardian was told',
  'forwarding-verification': 'a forwarding confirmation, passed on to the guardians',
  reply: 'a reply to one of our answers',
};

/** What happened to one delivered message, in words (the same for `iep ingest` and the web view). */
export function describeIngestResult(result: IngestResult): string {
  if (result.unrouted) return `no such inbound address; kept as ${result.rawKey}`;
  return result.children
    .map((child) => {
      const parts = [STATUS_WORDS[child.status] ?? child.status];
      if (child.status === 'recorded') parts.push(`${child.recorded} new record(s)`);
      if (child.alreadyRecorded > 0) parts.push(`${child.alreadyRecorded} already recorded`);
      parts.push(child.answered ? 'answer sent' : 'no answer sent');
      return parts.join(', ');
    })
    .join(' | ');
}

export const command: CliCommand = {
  name: 'ingest',
  summary: "Feed .eml files to a child's address, as if they arrived by mail",
  usage,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { to: { type: 'string' }, json: { type: 'boolean' } }, true);
    const to = requireOption(values.to, '--to ADDRESS').trim().toLowerCase();
    if (positionals.length === 0) throw new UsageError('Give at least one FILE.eml.');
    for (const file of positionals) {
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) throw new UsageError(`Not a readable file: ${file}`);
    }
    return withLocalData(io, async (data) => {
      if (!to.endsWith(`@${data.config.inboundDomain}`)) {
        throw new UsageError(`--to must be an address @${data.config.inboundDomain}.`);
      }
      let failed = 0;
      for (const file of positionals) {
        const bytes = await readFile(file);
        try {
          const result = await data.services.ingest({ bytes, recipients: [to], authentication: LOCALLY_TRUSTED });
          if (values.json) io.out(JSON.stringify({ file: basename(file), ...result }));
          else io.out(`${basename(file)}: ${describeIngestResult(result)}`);
        } catch (error) {
          failed += 1;
          const reason = error instanceof Error ? error.message : String(error);
          if (values.json) io.out(JSON.stringify({ file: basename(file), error: reason }));
          else io.err(`${basename(file)}: failed (${reason})`);
        }
      }
      return failed === 0 ? 0 : 1;
    });
  },
};

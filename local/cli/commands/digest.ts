// `iep digest --child ADDRESS --as-of YYYY-MM-DD`: the weekly digest of a child, computed from the
// stored records: as JSON (the digest model), as the email's text or HTML, or sent to the guardians.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sendDigest, summary } from '../../../shared/digest/weekly-digest';
import { type CliCommand, UsageError } from '../command';
import { parseOptions, requireOption } from '../parse-options';
import { withLocalData } from '../with-local-data';

const usage = `Usage: iep digest --child ADDRESS [--as-of YYYY-MM-DD] [--json | --text | --html FILE | --send]

Computes the child's weekly digest from the records kept (the week is Monday to the as-of day;
--as-of defaults to today in the family's time zone).
  --json       prints the digest as JSON: {child, asOf, week, schoolYear, services, flags, aideGaps,
               settingEvents, settingPercent, deadlines, unconfirmed, unconfirmedEntries, drafts}
  --text       prints the email's plain-text part (the default)
  --html FILE  writes the email's HTML part to FILE
  --send       sends the digest to the guardians (once per week: a second --send for the same
               week sends nothing), with the deadline calendar attached; it shows in the outbox`;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkAsOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new UsageError(`--as-of wants a date as YYYY-MM-DD, not "${value}".`);
  }
  if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new UsageError(`--as-of: ${value} is not a calendar date.`);
  }
  return value;
}

export const command: CliCommand = {
  name: 'digest',
  summary: "Compute a child's weekly digest (JSON, text, HTML) or send it",
  usage,
  async run(args, io) {
    const { values } = parseOptions(args, {
      child: { type: 'string' },
      'as-of': { type: 'string' },
      json: { type: 'boolean' },
      text: { type: 'boolean' },
      html: { type: 'string' },
      send: { type: 'boolean' },
    });
    const address = requireOption(values.child, '--child ADDRESS');
    const asOfOption = checkAsOf(values['as-of']);
    const modes = [values.json, values.text, values.html !== undefined, values.send].filter(Boolean).length;
    if (modes > 1) throw new UsageError('Choose one of --json, --text, --html FILE, --send.');
    const { dayIn } = await import('../../../shared/calendar/iso-days');
    const { digestEmailOf } = await import('../../../shared/digest/weekly-digest');
    return withLocalData(io, async (data) => {
      const child = await data.services.children.findByAddress(address);
      if (!child) throw new UsageError(`No child has the inbound address ${address}.`);
      const asOf = asOfOption ?? dayIn(child.timeZone, new Date());
      if (values.send) {
        const result = await sendDigest(data.services, child.id, { asOf });
        if (result.status === 'sent') io.out(`Sent the digest for the week of ${result.weekStart} to the guardians.`);
        else if (result.status === 'already-sent')
          io.out(`The digest for the week of ${result.weekStart} was already sent; nothing sent again.`);
        else if (result.status === 'paused') io.out(`${child.name} is paused: no digest sent.`);
        else io.out('No digest sent.');
        return 0;
      }
      const computed = await summary(data.services, child.id, asOf);
      if (!computed) throw new UsageError(`No child has the inbound address ${address}.`);
      if (values.json) {
        io.out(JSON.stringify(computed.model, null, 2));
        return 0;
      }
      const email = digestEmailOf(computed);
      if (values.html !== undefined) {
        const file = resolve(io.cwd, values.html);
        writeFileSync(file, email.html, { mode: 0o600 });
        io.out(`Wrote the digest's HTML to ${file}`);
        return 0;
      }
      io.out(`Subject: ${email.subject}`);
      io.out('');
      io.out(email.text);
      return 0;
    });
  },
};

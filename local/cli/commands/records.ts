// `iep records --child ADDRESS`: what the system keeps about a child, grouped as the extraction
// contract names it, each item with its id, where it was read from, and whether it is confirmed.

import type { StoredRecord } from '../../../shared/store/records';
import { type CliCommand, UsageError } from '../command';
import { parseOptions, requireOption } from '../parse-options';
import { withLocalData } from '../with-local-data';

const usage = `Usage: iep records --child ADDRESS [--json]

Prints the records kept for the child with this inbound address:
{"sessions", "requirements", "settingPercent", "settingEvents", "dates"}, each item with the
extraction contract's fields plus "id", "source" (message, part, line, excerpt) and "confirmed".`;

type Meta = { id: string; source: StoredRecord['source']; confirmed: boolean; history: StoredRecord['history'] };

function pick<T extends StoredRecord>(record: T, fields: ReadonlyArray<keyof T>): Record<string, unknown> & Meta {
  const out: Record<string, unknown> = {};
  for (const field of fields) out[String(field)] = record[field];
  return { ...out, id: record.id, source: record.source, confirmed: record.confirmed, history: record.history };
}

export function groupRecords(records: StoredRecord[]) {
  const sessions: Array<Record<string, unknown> & Meta> = [];
  const requirements: Array<Record<string, unknown> & Meta> = [];
  const settingEvents: Array<Record<string, unknown> & Meta> = [];
  const dates: Array<Record<string, unknown> & Meta> = [];
  let settingPercent: (Record<string, unknown> & Meta) | null = null;
  for (const record of records) {
    switch (record.kind) {
      case 'session':
        sessions.push(pick(record, ['date', 'service', 'minutes', 'delivery', 'location', 'status', 'reason']));
        break;
      case 'requirement':
        requirements.push(
          pick(record, [
            'service',
            'delivery',
            'sessions',
            'minutes',
            'totalMinutes',
            'per',
            'location',
            'start',
            'end',
          ]),
        );
        break;
      case 'setting-event':
        settingEvents.push(pick(record, ['date', 'activity', 'setting']));
        break;
      case 'date':
        dates.push(pick(record, ['type', 'date', 'end']));
        break;
      case 'setting-percent':
        // The latest statement of the share in general education stands (records come oldest first).
        settingPercent = pick(record, ['generalEducation']);
        break;
    }
  }
  // By the day they are about (stable: same day keeps the order they were recorded in).
  const byDate = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    String(a.date).localeCompare(String(b.date));
  sessions.sort(byDate);
  settingEvents.sort(byDate);
  dates.sort(byDate);
  return { sessions, requirements, settingPercent, settingEvents, dates };
}

export const command: CliCommand = {
  name: 'records',
  summary: 'Show the records kept for a child',
  usage,
  async run(args, io) {
    const { values } = parseOptions(args, { child: { type: 'string' }, json: { type: 'boolean' } });
    const address = requireOption(values.child, '--child ADDRESS');
    return withLocalData(io, async (data) => {
      const child = await data.services.children.findByAddress(address);
      if (!child) throw new UsageError(`No child has the inbound address ${address}.`);
      const grouped = groupRecords(await data.services.records.list(child.id));
      if (values.json) {
        io.out(JSON.stringify(grouped, null, 2));
        return 0;
      }
      const mark = (item: Meta) => (item.confirmed ? 'confirmed' : 'unconfirmed');
      io.out(`Records for ${child.name} (${child.inboundAddress})`);
      io.out(`Sessions (${grouped.sessions.length})`);
      for (const s of grouped.sessions) {
        io.out(
          `  ${s.date} ${s.service} ${s.status}${s.reason ? ` (${s.reason})` : ''}${s.minutes !== null ? ` ${s.minutes} min` : ''}${s.delivery ? ` ${s.delivery}` : ''}${s.location ? ` ${s.location}` : ''} · ${mark(s)}`,
        );
      }
      io.out(`Requirements (${grouped.requirements.length})`);
      for (const r of grouped.requirements) {
        io.out(
          `  ${r.service}${r.delivery ? ` ${r.delivery}` : ''} ${r.sessions ?? '?'}x${r.minutes ?? '?'} min per ${r.per}${r.location ? ` ${r.location}` : ''} · ${mark(r)}`,
        );
      }
      const percent = grouped.settingPercent;
      io.out(`General education: ${percent ? `${percent.generalEducation}% · ${mark(percent)}` : 'not stated'}`);
      io.out(`Setting events (${grouped.settingEvents.length})`);
      for (const e of grouped.settingEvents) io.out(`  ${e.date} ${e.activity} in ${e.setting} · ${mark(e)}`);
      io.out(`Dates (${grouped.dates.length})`);
      for (const d of grouped.dates) io.out(`  ${d.type} ${d.date}${d.end ? ` to ${d.end}` : ''} · ${mark(d)}`);
      return 0;
    });
  },
};

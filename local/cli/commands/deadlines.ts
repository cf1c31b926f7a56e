// `iep deadlines --child ADDRESS`: every deadline the child's mail started, with the rule, the
// citation and its status on a day (today in the family's zone unless --as-of says otherwise).

import { childDeadlines } from '../../../shared/deadlines/child-deadlines';
import { type CliCommand, UsageError } from '../command';
import { parseOptions, requireOption } from '../parse-options';
import { withLocalData } from '../with-local-data';
import { checkAsOf } from './digest';

const usage = `Usage: iep deadlines --child ADDRESS [--as-of YYYY-MM-DD] [--json]

Lists the child's deadlines under the child's state's rules (federal ones otherwise), numbered
as a parent's "done N" / "dismiss N" counts them, counted over the child's school calendar
(iep family set --school-year, closures from school mail, federal and state holidays). --json
prints [{"type", "from", "due", "status", "rule", "citation", "jurisdiction", "estimated",
"mayMove"}]; status is open, met, late, overdue or dismissed, "due" is null where the rule sets
no deadline, "jurisdiction" is US (federal law) or the state, and "estimated" is true when the
due day rests on days the school's calendar does not give ("mayMove" says what would move it).`;

export const command: CliCommand = {
  name: 'deadlines',
  summary: "List a child's deadlines with their rules and status",
  usage,
  async run(args, io) {
    const { values } = parseOptions(args, {
      child: { type: 'string' },
      'as-of': { type: 'string' },
      json: { type: 'boolean' },
    });
    const address = requireOption(values.child, '--child ADDRESS');
    const asOfOption = checkAsOf(values['as-of']);
    const { dayIn } = await import('../../../shared/calendar/iso-days');
    const { deadlineRows } = await import('../../../shared/deadlines/track-deadlines');
    return withLocalData(io, async (data) => {
      const child = await data.services.children.findByAddress(address);
      if (!child) throw new UsageError(`No child has the inbound address ${address}.`);
      const asOf = asOfOption ?? dayIn(child.timeZone, new Date());
      const rows = deadlineRows(await childDeadlines(data.services, child.id, asOf));
      if (values.json) {
        io.out(JSON.stringify(rows, null, 2));
        return 0;
      }
      io.out(
        `Deadlines for ${child.name} as of ${asOf}${child.state ? ` (${child.state} rules)` : ' (federal rules)'}`,
      );
      if (rows.length === 0) io.out('  none: no request, consent or review date has been recorded.');
      rows.forEach((row, i) => {
        const due = row.due ? `due ${row.due}${row.estimated ? ' (estimated)' : ''}` : 'no deadline';
        io.out(`${i + 1}. ${row.type} from ${row.from}: ${due}, ${row.status}`);
        io.out(`   ${row.rule} (${row.citation}${row.jurisdiction === 'US' ? ', federal law' : ''})`);
        for (const note of row.mayMove) io.out(`   ${note}`);
      });
      return 0;
    });
  },
};

// The thresholds behind the digest's flags, read from flag-rules.json and checked once at load.

import { z } from 'zod';
import { ACTIVITIES, MISSED_REASONS, SERVICE_CODES } from '../records/types';
import rulesJson from './flag-rules.json';

const rulesSchema = z.object({
  /** Days, ending on the as-of date, that "the last four weeks" covers. */
  lookbackDays: z.number().int().positive(),
  /** Scheduled sessions in a row missed for school-side reasons that raise `repeated-misses`. */
  consecutiveMisses: z.number().int().min(2),
  /** Share of required minutes missed for school-side reasons or unaccounted that raises `repeated-misses`. */
  schoolSideShare: z.number().gt(0).max(1),
  /** Reasons whose missed minutes the school owes back. */
  owedReasons: z.array(z.enum(MISSED_REASONS)),
  /** Reasons that are the school's side of a missed session. */
  schoolSideReasons: z.array(z.enum(MISSED_REASONS)),
  /** Reasons that are the child's side of a missed session. */
  childSideReasons: z.array(z.enum(MISSED_REASONS)),
  /** Activities where any time in a separate setting raises `setting`. */
  settingActivities: z.array(z.enum(ACTIVITIES)),
  /** Length of a school day, for weighing setting events against the IEP's percentage. */
  schoolDayMinutes: z.number().positive(),
  /** Typical length of each activity, for the same. */
  activityMinutes: z.record(z.enum(ACTIVITIES), z.number().nonnegative()),
  aideService: z.enum(SERVICE_CODES),
  /** Reasons an aide was not there that are not a gap (the child was not at school, or nobody was). */
  aideGapIgnoredReasons: z.array(z.enum(MISSED_REASONS)),
  /** Weekly digests in a row with the same flag before a meeting request is drafted. */
  meetingAfterWeeks: z.number().int().min(1),
  /**
   * Services that are there all day rather than logged per session (an aide, the bus): only their
   * misses are ever reported, so time with no log raises no `no-logs` or `repeated-misses` flag.
   */
  presenceServices: z.array(z.enum(SERVICE_CODES)),
  schoolDaysPerYear: z.number().positive(),
  schoolDaysPerWeek: z.number().positive(),
});

export type FlagRules = z.infer<typeof rulesSchema>;

export const flagRules: FlagRules = rulesSchema.parse(rulesJson);

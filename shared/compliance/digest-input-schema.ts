// The digest's input checked at the edge (CLI, scheduled job): records as stored, with their ids
// and confirmation, and the family's contacts and deadlines. computeDigest assumes this holds.

import { z } from 'zod';
import { isIsoDay } from '../calendar/iso-days';
import { schoolYearSettingSchema } from '../calendar/school-calendar';
import { ACTIVITIES, DATE_TYPES, MISSED_REASONS, SERVICE_CODES } from '../records/types';
import type { DigestInput } from './digest-types';
import { FLAG_KINDS } from './digest-types';

const isoDate = z.string().refine(isIsoDay, 'a YYYY-MM-DD calendar date');

const minutes = z.number().finite().min(0).max(100_000);
const tracked = { id: z.string().min(1).max(200), confirmed: z.boolean(), source: z.unknown().optional() };
const location = z.enum(['general-education', 'separate']).nullable();
const delivery = z.enum(['individual', 'group']).nullable();

const sessionSchema = z.object({
  ...tracked,
  date: isoDate,
  service: z.enum(SERVICE_CODES),
  minutes: minutes.nullable(),
  delivery,
  location,
  status: z.enum(['delivered', 'missed', 'makeup']),
  reason: z.enum(MISSED_REASONS).nullable(),
});

const requirementSchema = z.object({
  ...tracked,
  service: z.enum(SERVICE_CODES),
  delivery,
  sessions: z.number().finite().min(0).max(1_000).nullable(),
  minutes: minutes.nullable(),
  totalMinutes: minutes.nullable(),
  per: z.enum(['day', 'week', 'month', 'year']),
  location,
  start: isoDate.nullable(),
  end: isoDate.nullable(),
});

export const digestInputSchema = z.object({
  child: z.string().max(200),
  asOf: isoDate,
  sessions: z.array(sessionSchema).max(50_000),
  requirements: z.array(requirementSchema).max(1_000),
  settingEvents: z
    .array(
      z.object({
        ...tracked,
        date: isoDate,
        activity: z.enum(ACTIVITIES),
        setting: z.enum(['general-education', 'separate']),
      }),
    )
    .max(10_000),
  dates: z
    .array(z.object({ ...tracked, type: z.enum(DATE_TYPES), date: isoDate, end: isoDate.nullable() }))
    .max(10_000),
  settingPercent: z
    .object({ ...tracked, generalEducation: z.number().min(0).max(100) })
    .nullable()
    .optional(),
  contacts: z
    .array(
      z.object({
        address: z.string().max(320),
        name: z.string().max(200).nullable().optional(),
        roles: z.array(z.string().max(200)).max(20).optional(),
      }),
    )
    .max(200),
  deadlines: z
    .array(
      z.object({
        type: z.string().max(60),
        from: isoDate,
        due: isoDate.nullable(),
        rule: z.string().max(1_000),
        ruleId: z.string().max(100).optional(),
        status: z.string().max(30).optional(),
        citation: z.string().max(300).optional(),
        estimated: z.boolean().optional(),
        mayMove: z.array(z.string().max(400)).max(10).optional(),
      }),
    )
    .max(500),
  flagHistory: z
    .array(
      z.object({
        weekStart: isoDate,
        flags: z.array(z.object({ kind: z.enum(FLAG_KINDS), service: z.enum(SERVICE_CODES).nullable() })).max(100),
      }),
    )
    .max(60)
    .optional(),
  signature: z.string().max(200).nullable().optional(),
  state: z.string().max(2).nullable().optional(),
  schoolYear: schoolYearSettingSchema.nullable().optional(),
  trackingSince: isoDate.nullable().optional(),
  extendedSchoolYear: z.boolean().optional(),
});

/** Checks an untrusted value and returns it as a DigestInput, or throws a ZodError saying what is wrong. */
export function parseDigestInput(value: unknown): DigestInput {
  return digestInputSchema.parse(value);
}

// The iep-extract/1 line as zod, mirroring ../shared/eval/extract.schema.json, to check every
// line `iep extract` prints.
import { z } from 'zod';
import { ACTIVITIES, EXTRACT_DATE_TYPES, MISSED_REASONS, SERVICE_CODES } from '../../shared/records/types';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const minutes = z.number().int().min(0).nullable();
const delivery = z.enum(['individual', 'group']).nullable();
const location = z.enum(['general-education', 'separate']).nullable();

export const extractLineSchema = z.looseObject({
  schema: z.literal('iep-extract/1'),
  file: z.string(),
  sender: z.string().nullable(),
  sentOn: date.nullable(),
  sessions: z.array(
    z.looseObject({
      date,
      service: z.enum(SERVICE_CODES),
      minutes,
      delivery,
      location,
      status: z.enum(['delivered', 'missed', 'makeup']),
      reason: z.enum(MISSED_REASONS).nullable(),
    }),
  ),
  requirements: z.array(
    z.looseObject({
      service: z.enum(SERVICE_CODES),
      delivery,
      sessions: minutes,
      minutes,
      totalMinutes: minutes,
      per: z.enum(['day', 'week', 'month', 'year']),
      location,
      start: date.nullable(),
      end: date.nullable(),
    }),
  ),
  settingPercent: z.looseObject({ generalEducation: z.number().min(0).max(100) }).nullable(),
  settingEvents: z.array(
    z.looseObject({ date, activity: z.enum(ACTIVITIES), setting: z.enum(['general-education', 'separate']) }),
  ),
  dates: z.array(z.looseObject({ type: z.enum(EXTRACT_DATE_TYPES), date, end: date.nullable() })),
});

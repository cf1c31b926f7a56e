// What each service is called in a parent's words (service-names.json).

import { z } from 'zod';
import { SERVICE_CODES, type ServiceCode } from '../records/types';
import namesJson from './service-names.json';

const namesSchema = z.record(z.enum(SERVICE_CODES), z.object({ name: z.string().min(1), short: z.string().min(1) }));
const names = namesSchema.parse(namesJson);

/** "speech-language therapy" */
export function serviceName(service: ServiceCode): string {
  return names[service]?.name ?? service;
}

/** "speech", for subject lines. */
export function serviceShortName(service: ServiceCode): string {
  return names[service]?.short ?? service;
}

const REASON_WORDS: Record<string, string> = {
  'student-absent': 'child absent',
  'student-unavailable': 'child unavailable',
  'provider-absent': 'provider absent',
  'provider-unavailable': 'provider unavailable',
  'school-closure': 'school closed',
  other: 'other reason',
  'not-stated': 'reason not stated',
};

/** "provider absent" for `provider-absent`. */
export function reasonWords(reason: string): string {
  return REASON_WORDS[reason] ?? reason;
}

// The code that confirms `delete all data`: derived from the child and the UTC day with the reply
// signing secret, so nothing is stored; valid on the day it was issued and the day after.

import { createHmac, timingSafeEqual } from 'node:crypto';
import { DAY_MS } from '../calendar/iso-days';
import { base32 } from '../store/unguessable-ids';

function codeFor(secret: string, childId: string, day: number): string {
  return base32(createHmac('sha256', secret).update(`iep-delete/1|${childId}|${day}`).digest()).slice(0, 8);
}

export function deletionCode(secret: string, childId: string, now: Date): string {
  return codeFor(secret, childId, Math.floor(now.getTime() / DAY_MS));
}

export function isDeletionCode(secret: string, childId: string, code: string, now: Date): boolean {
  const today = Math.floor(now.getTime() / DAY_MS);
  const given = Buffer.from(code.toLowerCase());
  return [today, today - 1].some((day) => {
    const expected = Buffer.from(codeFor(secret, childId, day));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

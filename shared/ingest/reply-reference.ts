// The reference a guardian's reply carries back: plus-addressed on the child's own address
// (`maya-<token>+<ref>@inbound.example`), so a reply can act only on the answer it was sent about.
// Layout, all lower-case base32, 36 characters so the whole local part stays within 64:
//   child id (10) · answer id (8) · issue day (4, days since 1970) · HMAC-SHA256 truncated (14, 70 bits)

import { createHmac, timingSafeEqual } from 'node:crypto';
import { DAY_MS } from '../calendar/iso-days';
import { base32 } from '../store/unguessable-ids';

export const REPLY_REFERENCE_MAX_AGE_DAYS = 60;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const SHAPE = /^[a-z2-7]{36}$/;

export interface ReplyReference {
  childId: string;
  answerId: string;
  /** Midnight UTC of the day it was issued. */
  issuedOn: Date;
}

function encodeDay(day: number): string {
  let out = '';
  for (let shift = 15; shift >= 0; shift -= 5) out += ALPHABET[(day >>> shift) & 31];
  return out;
}

function decodeDay(text: string): number {
  let day = 0;
  for (const char of text) day = (day << 5) | ALPHABET.indexOf(char);
  return day;
}

function mac(secret: string, childId: string, answerId: string, day: string): string {
  const digest = createHmac('sha256', secret).update(`iep-reply/1|${childId}|${answerId}|${day}`).digest();
  return base32(digest).slice(0, 14);
}

export function signReplyReference(
  reference: { childId: string; answerId: string; issuedAt: Date },
  secret: string,
): string {
  if (!/^[a-z2-7]{10}$/.test(reference.childId)) throw new Error('child id must be 10 base32 characters');
  if (!/^[a-z2-7]{8}$/.test(reference.answerId)) throw new Error('answer id must be 8 base32 characters');
  if (secret.length < 16) throw new Error('reply signing secret is too short');
  const day = encodeDay(Math.floor(reference.issuedAt.getTime() / DAY_MS));
  return `${reference.childId}${reference.answerId}${day}${mac(secret, reference.childId, reference.answerId, day)}`;
}

/** The reference's contents when it is ours, unaltered and at most 60 days old; otherwise null. */
export function verifyReplyReference(ref: string, secret: string, now: Date): ReplyReference | null {
  const value = ref.trim().toLowerCase();
  if (!SHAPE.test(value) || secret.length < 16) return null;
  const childId = value.slice(0, 10);
  const answerId = value.slice(10, 18);
  const dayText = value.slice(18, 22);
  const expected = Buffer.from(mac(secret, childId, answerId, dayText));
  const given = Buffer.from(value.slice(22));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const issuedOn = new Date(decodeDay(dayText) * DAY_MS);
  const ageDays = (now.getTime() - issuedOn.getTime()) / DAY_MS;
  if (ageDays > REPLY_REFERENCE_MAX_AGE_DAYS || ageDays < -1) return null;
  return { childId, answerId, issuedOn };
}

/** The child's address with the reference plus-addressed onto it. */
export function replyAddress(inboundAddress: string, ref: string): string {
  const at = inboundAddress.lastIndexOf('@');
  return `${inboundAddress.slice(0, at)}+${ref}${inboundAddress.slice(at)}`;
}

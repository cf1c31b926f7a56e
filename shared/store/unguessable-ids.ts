// Identifiers a stranger cannot guess: lower-case base32 (RFC 4648 alphabet) over random or hashed bytes.
import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** 80 random bits as 16 base32 characters: the secret part of a child's inbound address. */
export function newInboundToken(): string {
  return base32(randomBytes(10));
}

/** 50 random bits as 10 base32 characters: a child's id (not a secret, but not sequential). */
export function newChildId(): string {
  return base32(randomBytes(7)).slice(0, 10);
}

/** A stable id of `length` base32 characters from the SHA-256 of the parts. */
export function hashId(parts: readonly string[], length = 20): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part.length}:${part}|`);
  return base32(hash.digest()).slice(0, length);
}

import { describe, expect, it } from 'vitest';
import { DIGEST_SHARDS, digestShard } from '../../../shared/store/digest-schedule';
import { addressSlug, parseInboundAddress } from '../../../shared/store/families';
import { base32, newInboundToken } from '../../../shared/store/unguessable-ids';

describe('inbound addresses', () => {
  it('the readable part is the first name in lower-case ASCII', () => {
    expect(addressSlug('Maya Rodríguez')).toBe('maya');
    expect(addressSlug('Zoë')).toBe('zoe');
    expect(addressSlug('李明')).toBe('child');
    expect(addressSlug('Maximiliano-José')).toBe('maximilian');
  });

  it('an inbound token carries 80 random bits as 16 lower-case base32 characters', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => newInboundToken()));
    expect(tokens.size).toBe(200);
    for (const token of tokens) expect(token).toMatch(/^[a-z2-7]{16}$/);
  });

  it('base32 follows RFC 4648 in lower case', () => {
    expect(base32(new TextEncoder().encode('foobar'))).toBe('mzxw6ytboi');
  });

  it('reads the token whatever the case, and the plus part apart', () => {
    expect(parseInboundAddress('Maya-ABCDEFGHIJKLMNOP+Ref@IN.example.org', 'in.example.org')).toEqual({
      token: 'abcdefghijklmnop',
      plus: 'ref',
      local: 'maya-abcdefghijklmnop',
    });
  });

  it('refuses other domains and malformed tokens', () => {
    expect(parseInboundAddress('maya-abcdefghijklmnop@other.org', 'in.example.org')).toBeNull();
    expect(parseInboundAddress('maya-abc@in.example.org', 'in.example.org')).toBeNull();
    expect(parseInboundAddress('@in.example.org', 'in.example.org')).toBeNull();
  });
});

describe('digest index', () => {
  it('spreads children over the shards', () => {
    const shards = new Set(Array.from({ length: 100 }, (_, i) => digestShard(`child${i}abcd`)));
    expect(shards.size).toBe(DIGEST_SHARDS);
  });
});

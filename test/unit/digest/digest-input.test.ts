// Turning a child's stored records into the digest's input: kinds, deleted records, deadlines from
// the child's state, past flags, and the corpus's own labels worked out by hand.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDigestInput } from '../../../shared/compliance/digest-input-schema';
import { buildDigestInput, firstName, flagHistory, groupForDigest } from '../../../shared/digest/digest-input';
import { computeDigest } from '../../../shared/digest/digest-model';
import type { Extraction } from '../../../shared/records/types';
import type { StoredRecord } from '../../../shared/store/records';
import { storedRecord } from '../../support/stored-records';

describe('groupForDigest', () => {
  it('leaves deleted records out and keeps the latest share in general education', () => {
    // Prepare
    const deleted = {
      ...storedRecord('c1', 'date', { type: 'records-request', date: '2026-11-02', end: null }),
      deleted: true,
    };
    const records = [
      deleted,
      storedRecord('c1', 'setting-percent', { generalEducation: 60 }),
      storedRecord('c1', 'setting-percent', { generalEducation: 80 }, false),
      storedRecord('c1', 'date', { type: 'meeting-request', date: '2026-11-02', end: null }),
    ];

    // Act
    const grouped = groupForDigest(records);

    // Assess
    expect(grouped.dates.map((d) => d.type)).toEqual(['meeting-request']);
    expect(grouped.settingPercent).toMatchObject({ generalEducation: 80, confirmed: false });
  });
});

describe('buildDigestInput', () => {
  it("tracks deadlines under the child's state and passes a valid input to the digest", () => {
    // Prepare
    const records = [storedRecord('c1', 'date', { type: 'meeting-request', date: '2026-11-02', end: null })];

    // Act
    const california = buildDigestInput({
      childName: 'Maya Rivera',
      asOf: '2026-11-20',
      state: 'CA',
      records,
      contacts: [],
      log: [],
    });
    const federal = buildDigestInput({
      childName: 'Maya Rivera',
      asOf: '2026-11-20',
      state: null,
      records,
      contacts: [],
      log: [],
    });

    // Assess
    expect(california.child).toBe('Maya');
    expect(california.deadlines).toEqual([
      expect.objectContaining({ type: 'meeting-request', due: '2026-12-02', status: 'open' }),
    ]);
    expect(federal.deadlines).toEqual([expect.objectContaining({ type: 'meeting-request', due: null })]);
    expect(() => parseDigestInput(california)).not.toThrow();
  });
});

describe('flagHistory', () => {
  it("keeps only digests of earlier weeks, newest first, so this week's resend does not count twice", () => {
    // Act
    const history = flagHistory(
      [
        { weekStart: '2026-11-02', asOf: '2026-11-06', flags: [{ kind: 'owed', service: 'speech-language' }] },
        { weekStart: '2026-11-16', asOf: '2026-11-20', flags: [{ kind: 'owed', service: 'speech-language' }] },
        { weekStart: '2026-11-09', asOf: '2026-11-13', flags: [] },
      ],
      '2026-11-20',
    );

    // Assess
    expect(history.map((h) => h.weekStart)).toEqual(['2026-11-09', '2026-11-02']);
  });
});

describe('firstName', () => {
  it('takes the first word of the name the family gave', () => {
    expect(firstName('  Maya   Rivera ')).toBe('Maya');
    expect(firstName('Lena')).toBe('Lena');
  });
});

const CORPUS = resolve(process.cwd(), '../shared/corpus/dev');
const present = existsSync(CORPUS);
if (!present) console.warn(`corpus label digest skipped: ${CORPUS} does not exist`);

describe.skipIf(!present)('the digest of the corpus labels', () => {
  it('gives the occupational therapy week worked out by hand', () => {
    // Prepare: every labelled item once (the same session labelled in two messages counts once).
    const seen = new Set<string>();
    const records: StoredRecord[] = [];
    const add = (kind: StoredRecord['kind'], item: object) => {
      const key = `${kind}:${JSON.stringify(item)}`;
      if (seen.has(key)) return;
      seen.add(key);
      records.push(storedRecord('corpus', kind, item as never));
    };
    for (const name of readdirSync(CORPUS).filter((f) => f.endsWith('.expected.json'))) {
      const labels = JSON.parse(readFileSync(join(CORPUS, name), 'utf8')) as Extraction;
      for (const s of labels.sessions) add('session', s);
      for (const r of labels.requirements) add('requirement', r);
      for (const d of labels.dates) add('date', d);
    }

    // Act
    const model = computeDigest(
      parseDigestInput(
        buildDigestInput({ childName: 'Maya', asOf: '2026-11-20', state: 'CA', records, contacts: [], log: [] }),
      ),
    );

    // Assess: 120 minutes a month; November has 21 weekdays, closed Nov 11 and Nov 23-27, so 15
    // school days, 5 of them this week: 120 x 5 / 15 = 40 required. One session of 30 on Nov 18.
    const ot = model.services.find((s) => s.service === 'occupational-therapy');
    expect(ot?.week).toMatchObject({
      requiredMinutes: 40,
      deliveredMinutes: 30,
      missedMinutes: {},
      owedMinutes: 0,
      unaccountedMinutes: 10,
    });
  });
});

// The parent's written asks told in many ways: a sentence that opens with the ask ("Requesting an
// IEP meeting", "Req: the file"), "writing to ask for", "I want copies of", a family's "we are
// asking for" the logs, the ask in the parent's note above a forward, and Kentucky's ARC meeting.
import { describe, expect, it } from 'vitest';
import { findDates } from '../../../shared/extract/dates';
import type { ReadingContext } from '../../../shared/extract/reading-context';
import { bodyContext } from '../../support/body-context';

function found(ctx: ReadingContext) {
  return findDates(ctx).map(({ type, date, end }) => ({ type, date, end }));
}

function read(text: string, sentOn: string, subject = '') {
  return found(bodyContext(text, sentOn, { subject }));
}

describe('written asks told in many ways', () => {
  it('reads an ask that opens its sentence without "I am"', () => {
    expect(read('Requesting an IEP meeting for Nora before the break.', '2027-01-11')).toEqual([
      { type: 'meeting-request', date: '2027-01-11', end: null },
    ]);
    expect(read('2. Req: all of the OT service logs since March.', '2027-04-02')).toEqual([
      { type: 'records-request', date: '2027-04-02', end: null },
    ]);
  });

  it('does not take "Request for consent" or a meeting wished for aloud as an ask', () => {
    expect(read('Request for consent to evaluate is attached.', '2027-01-11')).toEqual([]);
    expect(read('I think we need a meeting soon.', '2027-01-11')).toEqual([]);
  });

  it('reads "writing to ask for" a meeting and "I want copies of" the records', () => {
    expect(read('i am writing to ask for an arc meeting for my grandson.', '2027-02-03')).toEqual([
      { type: 'meeting-request', date: '2027-02-03', end: null },
    ]);
    expect(read('I want copies of the speech session notes from this fall.', '2027-02-03')).toEqual([
      { type: 'records-request', date: '2027-02-03', end: null },
    ]);
  });

  it('reads a family asking in the plural for the service logs', () => {
    expect(read('For his aunt and me, we are asking for the reading service logs since August.', '2027-02-05')).toEqual(
      [{ type: 'records-request', date: '2027-02-05', end: null }],
    );
  });

  it("reads an ask in the parent's note above a forward", () => {
    const ctx = bodyContext('Our schedule for next week is attached.', '2027-03-01');
    const withNote: ReadingContext = {
      ...ctx,
      texts: [
        ...ctx.texts,
        { ...ctx.texts[0], part: 'note', kind: 'note', text: 'Please send me the counseling session notes for March.' },
      ] as ReadingContext['texts'],
    };
    expect(found(withNote)).toEqual([{ type: 'records-request', date: '2027-03-01', end: null }]);
  });
});

describe('ARC meetings', () => {
  it('reads an ARC meeting set and one mentioned in passing', () => {
    expect(read('An ARC meeting is set for Thursday, March 11, 2027.', '2027-03-01')).toEqual([
      { type: 'meeting-scheduled', date: '2027-03-11', end: null },
    ]);
    expect(read('See you Wednesday at the ARC.', '2027-03-01')).toEqual([
      { type: 'meeting-scheduled', date: '2027-03-03', end: null },
    ]);
  });

  it('does not set a meeting day from what came out of a meeting held', () => {
    expect(read('here is the paper from her arc meeting on monday.', '2027-03-03')).toEqual([]);
  });

  it('dates consent signed at the meeting by the meeting day', () => {
    expect(
      read('Dad signed consent for a speech evaluation at the ARC meeting yesterday.', '2027-03-04', 'ARC meeting'),
    ).toEqual([{ type: 'evaluation-consent', date: '2027-03-03', end: null }]);
  });
});

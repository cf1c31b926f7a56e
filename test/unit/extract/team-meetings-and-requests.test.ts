// Where the IEP team is called "the Team" (a Team meeting, the Team will convene), letters that
// "write to request" or "write to renew" a request, a meeting already held named by its weekday
// ("from Monday's Team meeting"), and the day after a break, which is not a closed day.
import { describe, expect, it } from 'vitest';
import { findDates } from '../../../shared/extract/dates';
import { bodyContext } from '../../support/body-context';

function found(text: string, sentOn: string, subject = '') {
  return findDates(bodyContext(text, sentOn, { subject })).map(({ type, date, end }) => ({ type, date, end }));
}

describe('Team meetings and written requests', () => {
  it('reads a Team meeting and a notice that the Team will convene', () => {
    // Act
    const items = found(
      'The Team will convene to look at the reading goals.\n\nDate: Monday, March 8, 2027\nTime: 2:00 PM',
      '2027-02-22',
      'Notice of Team Meeting',
    );
    // Assess
    expect(items).toEqual([{ type: 'meeting-scheduled', date: '2027-03-08', end: null }]);
    expect(found('We will bring the plan to the Team meeting on March 9.', '2027-02-22')).toEqual([
      { type: 'meeting-scheduled', date: '2027-03-09', end: null },
    ]);
  });

  it('does not set a meeting already held, named by its weekday', () => {
    expect(found("Enclosed is the amendment from Monday's Team meeting.", '2027-02-24')).toEqual([]);
  });

  it('reads "I write to request ... that the Team reconvene" and "write to renew ... our request for the logs"', () => {
    expect(found('My husband and I write to request, in writing, that the Team reconvene soon.', '2027-02-22')).toEqual(
      [{ type: 'meeting-request', date: '2027-02-22', end: null }],
    );
    expect(
      found(
        'I also write to renew, in writing, our request for the service delivery logs since January.',
        '2027-02-23',
      ),
    ).toEqual([{ type: 'records-request', date: '2027-02-23', end: null }]);
    expect(found('I write, for both of us, to request copies of her temporary record.', '2027-02-24')).toEqual([
      { type: 'records-request', date: '2027-02-24', end: null },
    ]);
  });

  it('does not take the day services begin after a break as a closed day', () => {
    expect(found('The new schedule starts Monday, January 4, after the winter break.', '2026-12-18')).toEqual([]);
  });
});

describe('a meeting moved to a day on the line below', () => {
  it('reads "is rescheduled to:" with the new day and time on the next line', () => {
    const text =
      'The meeting set for Monday, March 8 is rescheduled to:\n\nWednesday, March 17, 2027, 9:00 AM\nRoom 12';
    expect(found(text, '2027-03-01', 'RESCHEDULED: IEP meeting')).toEqual([
      { type: 'meeting-scheduled', date: '2027-03-17', end: null },
    ]);
  });
});

describe("a progress report's own labelled day", () => {
  it('reads "Posted:" under a progress report named on the line above, not under another document', () => {
    const portal = 'Family Portal\n\nDocument: Quarterly Progress Report\nPosted: 01/29/2027\n\nLog in to view it.';
    expect(found(portal, '2027-01-29')).toEqual([{ type: 'progress-report', date: '2027-01-29', end: null }]);
    const other = 'Family Portal\n\nDocument: Lunch menu\nPosted: 01/29/2027';
    expect(found(other, '2027-01-29')).toEqual([]);
  });
});

describe('requests written by two parents, or as a request under the law', () => {
  it('"Sam and I are writing to request" an IEP meeting is the parent\'s own request', () => {
    expect(found('Sam and I are writing to request an IEP meeting for Ada before winter break.', '2027-02-22')).toEqual(
      [{ type: 'meeting-request', date: '2027-02-22', end: null }],
    );
  });

  it('"please treat this as our request ... for her education records" asks for records', () => {
    expect(found("Please treat this as our request under FERPA for Ada's education records.", '2027-02-22')).toEqual([
      { type: 'records-request', date: '2027-02-22', end: null },
    ]);
  });
});

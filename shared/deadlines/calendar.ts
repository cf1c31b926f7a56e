// The calendar file (.ics) that comes with every digest and reminder: the child's open deadlines and
// IEP meeting days as all-day events. UIDs are derived from the child id and the deadline id, so
// importing a newer file updates the same events in Google Calendar, Apple Calendar and Outlook instead
// of adding copies. The child id itself never appears in the file (it is hashed).

import { createHash } from 'node:crypto';
import { createEvents, type DateArray, type EventAttributes } from 'ics';
import { addDays } from '../calendar/iso-days';
import type { IsoDate } from '../records/types';
import { isIsoDate } from './deadline-rules';
import { oneLine } from './reminders';
import { awaitedDeadlines, type Deadline } from './track-deadlines';

export const CALENDAR_PRODUCT_ID = 'iep-service-tracker/deadlines';
const UID_DOMAIN = 'iep-service-tracker';

export interface CalendarInput {
  childId: string;
  childName: string;
  deadlines: readonly Deadline[];
  /** IEP meeting days (`meeting-scheduled` dates). */
  meetings: readonly IsoDate[];
  /** DTSTAMP of every event; defaults to now. Pass a fixed instant for byte-identical output. */
  stamp?: Date;
}

const TITLES: Record<Deadline['type'], string> = {
  'meeting-request': 'IEP meeting due (your request)',
  'records-request': 'records due',
  'evaluation-consent': 'evaluation timeline ends',
  'annual-review': 'annual IEP review due',
  reevaluation: 'three-year reevaluation due',
  'progress-report': 'progress report due',
};

/** A stable, opaque UID for one event of one child. */
export function eventUid(childId: string, eventKey: string): string {
  const digest = createHash('sha256').update(`${childId}\u0000${eventKey}`).digest('hex').slice(0, 32);
  return `${digest}@${UID_DOMAIN}`;
}

function dateArray(date: IsoDate): DateArray {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function allDay(date: IsoDate): Pick<EventAttributes, 'start'> & { end: DateArray } {
  return { start: dateArray(date), end: dateArray(addDays(date, 1)) };
}

/** Renders the .ics text (CRLF line endings, folded lines). Throws if the ics package rejects an event. */
export function renderCalendar(input: CalendarInput): string {
  const child = oneLine(input.childName, 60) || 'Child';
  const timestamp = (input.stamp ?? new Date()).getTime();
  const events: Array<EventAttributes & { timestamp: number }> = [];

  for (const deadline of awaitedDeadlines(input.deadlines)) {
    const overdue = deadline.status === 'overdue' ? ' (overdue)' : '';
    events.push({
      ...allDay(deadline.due),
      uid: eventUid(input.childId, `deadline:${deadline.id}`),
      title: `${child}: ${deadline.what ? `${deadline.what} due` : TITLES[deadline.type]}${overdue}${deadline.estimated ? ' (estimated)' : ''}`,
      description: [deadline.rule, deadline.citation, `Started ${deadline.from}.`, ...deadline.mayMove].join('\n'),
      categories: ['IEP deadline'],
      transp: 'TRANSPARENT',
      busyStatus: 'FREE',
      timestamp,
    });
  }
  for (const meeting of [...new Set(input.meetings)].filter(isIsoDate).sort()) {
    events.push({
      ...allDay(meeting),
      uid: eventUid(input.childId, `meeting:${meeting}`),
      title: `${child}: IEP meeting`,
      description: 'IEP meeting, as the school wrote. Check the time in the message from the school.',
      categories: ['IEP meeting'],
      transp: 'TRANSPARENT',
      busyStatus: 'FREE',
      timestamp,
    });
  }

  const result = createEvents(events, {
    productId: CALENDAR_PRODUCT_ID,
    method: 'PUBLISH',
    calName: `${child}: IEP deadlines`,
  });
  if (result.error || result.value === null) {
    throw new Error(`calendar could not be rendered: ${result.error?.message ?? 'no output'}`);
  }
  return result.value;
}

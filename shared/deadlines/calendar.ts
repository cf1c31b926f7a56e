// The calendar file (.ics) that comes with every digest and reminder: the child's open deadlines and
// IEP meeting days as all-day events. UIDs are derived from the child id and the deadline id, so
// importing a newer file updates the same events in Google Calendar, Apple Calendar and Outlook instead
// of adding copies. The child id itself never appears in the file (it is hashed).

import { createHash } from 'node:crypto';
import { createEvents, type DateArray, type EventAttributes } from 'ics';
import { addDays } from '../calendar/iso-days';
import type { IsoDate } from '../records/types';
import { longDate } from '../render/dates';
import { mayMoveWords, ownWhat, ruleWords } from '../render/deadline-words';
import { oneLine } from '../render/escape';
import { type Wording, wordingFor } from '../render/wording';
import { isIsoDate } from './deadline-rules';
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
  /** The family's language for titles and descriptions (English when not given); citations stay as written. */
  say?: Wording;
}

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
  const say = input.say ?? wordingFor('en');
  const child = oneLine(input.childName, 60) || say('calendar.child');
  const timestamp = (input.stamp ?? new Date()).getTime();
  const events: Array<EventAttributes & { timestamp: number }> = [];

  for (const deadline of awaitedDeadlines(input.deadlines)) {
    const what = ownWhat(deadline, say);
    const title = [
      `${child}: ${what ? say('calendar.titleOwn', { what }) : say(`calendar.title.${deadline.type}`)}`,
      deadline.status === 'overdue' ? say('calendar.overdue') : null,
      deadline.estimated ? say('calendar.estimated') : null,
    ];
    const started = say('calendar.started', {
      date: say.language === 'en' ? deadline.from : longDate(deadline.from, say.language),
    });
    events.push({
      ...allDay(deadline.due),
      uid: eventUid(input.childId, `deadline:${deadline.id}`),
      title: title.filter((part) => part !== null).join(' '),
      description: [
        ruleWords(deadline, say),
        deadline.citation,
        started,
        ...(say.language === 'en' ? deadline.mayMove : mayMoveWords(deadline, say)),
      ].join('\n'),
      categories: [say('calendar.deadlineCategory')],
      transp: 'TRANSPARENT',
      busyStatus: 'FREE',
      timestamp,
    });
  }
  for (const meeting of [...new Set(input.meetings)].filter(isIsoDate).sort()) {
    events.push({
      ...allDay(meeting),
      uid: eventUid(input.childId, `meeting:${meeting}`),
      title: `${child}: ${say('calendar.meeting.title')}`,
      description: say('calendar.meeting.description'),
      categories: [say('calendar.meetingCategory')],
      transp: 'TRANSPARENT',
      busyStatus: 'FREE',
      timestamp,
    });
  }

  const result = createEvents(events, {
    productId: CALENDAR_PRODUCT_ID,
    method: 'PUBLISH',
    calName: say('calendar.name', { name: child }),
  });
  if (result.error || result.value === null) {
    throw new Error(`calendar could not be rendered: ${result.error?.message ?? 'no output'}`);
  }
  return result.value;
}

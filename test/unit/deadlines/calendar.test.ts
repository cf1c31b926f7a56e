import ical from 'node-ical';
import { describe, expect, test } from 'vitest';
import { eventUid, renderCalendar } from '../../../shared/deadlines/calendar';
import { meetingDays, trackDeadlines } from '../../../shared/deadlines/track-deadlines';
import type { DateItem, DateType } from '../../../shared/records/types';

function item(type: DateType, date: string): DateItem {
  return { type, date, end: null };
}

interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  start: string;
  end: string;
  dateOnly: boolean;
}

// node-ical gives all-day dates as local-midnight Date objects flagged `dateOnly`.
function day(value: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

function parseEvents(text: string): ParsedEvent[] {
  const parsed = ical.sync.parseICS(text);
  const events: ParsedEvent[] = [];
  for (const component of Object.values(parsed)) {
    if (component?.type !== 'VEVENT') continue;
    const start = component.start as Date & { dateOnly?: boolean };
    const end = component.end as Date;
    events.push({
      uid: component.uid,
      summary: String(component.summary),
      description: String(component.description ?? ''),
      start: day(start),
      end: day(end),
      dateOnly: start.dateOnly === true && component.datetype === 'date',
    });
  }
  return events.sort((a, b) => a.start.localeCompare(b.start));
}

// California: meeting request and records request on Mon 2026-11-02, a meeting set for Mon 11-30.
const dates = [
  item('meeting-request', '2026-11-02'),
  item('records-request', '2026-11-02'),
  item('meeting-scheduled', '2026-11-30'),
];
const stamp = new Date('2026-11-03T15:00:00Z');

function render(childId: string, childName: string, asOf = '2026-11-03'): string {
  const deadlines = trackDeadlines({ dates, state: 'CA', asOf });
  return renderCalendar({ childId, childName, deadlines, meetings: meetingDays(dates), stamp });
}

describe('renderCalendar', () => {
  test('an independent parser reads the open deadlines and the meeting as all-day events', () => {
    // The meeting request is met by the 11-30 meeting, so only the records (due 11-09) and the meeting remain.
    // Act
    const events = parseEvents(render('child-1', 'Maya'));
    // Assess
    expect(events.map((e) => [e.start, e.end, e.summary])).toEqual([
      ['2026-11-09', '2026-11-10', 'Maya: records due'],
      ['2026-11-30', '2026-12-01', 'Maya: IEP meeting'],
    ]);
    for (const event of events) expect(event.dateOnly).toBe(true);
    expect(events[0]?.description).toContain('Cal. Ed. Code 56504');
  });

  test('the file is RFC 5545 shaped: CRLF lines, one calendar, PUBLISH, a product id', () => {
    const text = render('child-1', 'Maya');
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    expect(text).toContain('METHOD:PUBLISH\r\n');
    expect(text).toContain('PRODID:iep-service-tracker/deadlines\r\n');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(text).toContain('DTSTART;VALUE=DATE:20261109\r\n');
  });

  test('UIDs are stable across renders and days, so a re-import updates the same events', () => {
    const monday = parseEvents(render('child-1', 'Maya', '2026-11-03')).map((e) => e.uid);
    const friday = parseEvents(render('child-1', 'Maya', '2026-11-06')).map((e) => e.uid);
    expect(friday).toEqual(monday);
    expect(monday[0]).toBe(eventUid('child-1', 'deadline:ca-records-request:2026-11-02'));
  });

  test('two children never share a UID, and the child id is not written into the file', () => {
    const first = parseEvents(render('child-1', 'Maya')).map((e) => e.uid);
    const second = parseEvents(render('child-2', 'Maya')).map((e) => e.uid);
    expect(first.filter((uid) => second.includes(uid))).toEqual([]);
    expect(render('child-id-secret', 'Maya')).not.toContain('child-id-secret');
  });

  test('an overdue deadline stays in the calendar and says so; a met one leaves it', () => {
    // On 11-12 the records (due 11-09) are overdue; the meeting request stays met.
    const events = parseEvents(render('child-1', 'Maya', '2026-11-12'));
    expect(events.map((e) => e.summary)).toEqual(['Maya: records due (overdue)', 'Maya: IEP meeting']);
  });

  test('a name with line breaks from inbound mail cannot add properties to the file', () => {
    const text = render('child-1', 'Maya\r\nATTENDEE:mailto:x@example.com');
    const events = parseEvents(text);
    expect(text).not.toMatch(/^ATTENDEE/m);
    expect(events[0]?.summary).toBe('Maya ATTENDEE:mailto:x@example.com: records due');
  });
});

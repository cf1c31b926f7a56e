// A child's private calendar feed as the mail gives it: the webcal:// link phones and Apple
// Calendar subscribe to with one tap, the https:// one Google Calendar and Outlook take "from URL",
// and what it is, in the family's language.
import type { Block } from './command-answers-email';
import type { Wording } from './wording';

export interface CalendarLinks {
  webcal: string;
  https: string;
}

/** Both forms of a feed URL (the local stack serves plain http; its webcal form is the same address). */
export function calendarLinks(url: string): CalendarLinks {
  return { webcal: url.replace(/^https?:\/\//i, 'webcal://'), https: url };
}

/** The lines that say what the calendar is and give both links. */
export function calendarLines(
  say: Wording,
  name: string,
  url: string,
): { lead: string; links: string[]; note: string } {
  const links = calendarLinks(url);
  return {
    lead: say('calendar.lead', { name }),
    links: [say('calendar.webcal', { url: links.webcal }), say('calendar.https', { url: links.https })],
    note: say('calendar.private'),
  };
}

/** The calendar's lines as blocks: what it is, both links, and that they are private. */
export function calendarBlocks(say: Wording, name: string, url: string | null | undefined): Block[] {
  if (!url) return [];
  const lines = calendarLines(say, name, url);
  return [
    { kind: 'p', text: lines.lead },
    { kind: 'list', items: lines.links },
    { kind: 'p', text: lines.note },
  ];
}

import { describe, expect, it } from 'vitest';
import { emptyExtraction, extractFromBytes } from '../../../shared/extract/extract-from-bytes';
import { normaliseText } from '../../../shared/extract/normalise/normalise-text';
import type { ReadingContext } from '../../../shared/extract/reading-context';
import { tablesFromPlainText } from '../../../shared/extract/sessions-from-tables';
import { unreadLines } from '../../../shared/extract/unread-lines';
import type { ExtractionWithProvenance } from '../../../shared/records/types';
import { problemInEnglish } from '../../../shared/render/problem-words';

const tz = 'America/New_York';

function eml(headers: string[], body: string[]): Uint8Array {
  return new TextEncoder().encode([...headers, '', ...body].join('\r\n'));
}

const plain = [
  'From: Dana Reyes <dreyes@district.example.org>',
  'To: parent@example.com',
  'Subject: October log',
  'Date: Fri, 23 Oct 2026 15:10:00 -0400',
  'Content-Type: text/plain; charset=utf-8',
];

/** A log in codes no vocabulary knows: a date, a code for the service, a code for what happened, minutes. */
const codedLog = [
  'Hi, here is the log for October.',
  '',
  'Date\tSvc\tCd\tMin',
  '10/05/2026\tZQ\tK7\t30',
  '10/07/2026\tZQ\tK7\t30',
  '10/12/2026\tZQ\tR2\t0',
  '10/14/2026\tZQ\tK7\t30',
  '10/19/2026\tZQ\tK7\t25',
  '',
  'Dana',
];

/** The reading context of a body as the reader builds it: its words, shorthand rewritten, and its tab-separated tables. */
function bodyContext(lines: string[]): ReadingContext {
  const original = lines.join('\n');
  return {
    tz,
    sentOn: '2026-10-23',
    subject: 'October log',
    sender: 'dreyes@district.example.org',
    texts: [{ part: 'body', kind: 'author', text: normaliseText(original), original, anchor: '2026-10-23' }],
    tables: tablesFromPlainText(original).map((table) => ({ part: 'body', table, anchor: '2026-10-23' })),
  };
}

function sessionFrom(line: number): ExtractionWithProvenance['sessions'][number] {
  return {
    date: '2026-10-05',
    service: 'speech-language',
    minutes: 30,
    delivery: null,
    location: null,
    status: 'delivered',
    reason: null,
    source: { part: 'body', line, excerpt: null },
  };
}

describe('lines that look like session reports but gave no record', () => {
  it('quotes each row of a log in codes nobody knows, with its line, date and minutes', async () => {
    // Act
    const { extraction, unread } = await extractFromBytes(eml(plain, codedLog), { tz, file: 'log.eml' });

    // Assess
    expect(extraction.sessions).toEqual([]);
    expect(unread.map((u) => [u.part, u.line, u.text, u.date, u.minutes])).toEqual([
      ['body', 4, '10/05/2026 | ZQ | K7 | 30', '2026-10-05', 30],
      ['body', 5, '10/07/2026 | ZQ | K7 | 30', '2026-10-07', 30],
      ['body', 6, '10/12/2026 | ZQ | R2 | 0', '2026-10-12', null],
      ['body', 7, '10/14/2026 | ZQ | K7 | 30', '2026-10-14', 30],
      ['body', 8, '10/19/2026 | ZQ | K7 | 25', '2026-10-19', 25],
    ]);
  });

  it('leaves out a row a record came from', () => {
    // Prepare
    const extraction = { ...emptyExtraction('log.eml'), sessions: [sessionFrom(4)] };

    // Act
    const unread = unreadLines(bodyContext(codedLog), extraction);

    // Assess
    expect(unread.map((u) => u.line)).toEqual([5, 6, 7, 8]);
  });

  it('leaves out a whole paragraph when a record came from its first line', () => {
    // Prepare
    const lines = ['Speech went well on 10/5, 30 minutes', 'and we worked on the r sound, she was seen in group.'];
    const extraction = { ...emptyExtraction('note.eml'), sessions: [sessionFrom(1)] };

    // Act
    const covered = unreadLines(bodyContext(lines), extraction);
    const uncovered = unreadLines(bodyContext(lines), emptyExtraction('note.eml'));

    // Assess
    expect(covered).toEqual([]);
    expect(uncovered.map((u) => [u.line, u.date, u.service, u.minutes])).toEqual([
      [1, '2026-10-05', 'speech-language', 30],
    ]);
  });

  it('never quotes history under a reply, quoted with > or under an Original Message line', async () => {
    // Prepare
    const bytes = eml(
      [...plain.slice(0, 2), 'Subject: Re: October log', ...plain.slice(3)],
      [
        'Thanks, see below.',
        '',
        '-----Original Message-----',
        'From: Dana Reyes <dreyes@district.example.org>',
        'Sent: Monday, October 12, 2026 3:00 PM',
        'Subject: log',
        '',
        '10/12 ZQ seen 30 min',
        '',
        'On Mon, Oct 5, 2026 at 3:00 PM Dana Reyes <dreyes@district.example.org> wrote:',
        '> 10/05 ZQ therapy 30 min',
      ],
    );
    const context = bodyContext([
      'Thanks.',
      '> 10/05 ZQ therapy 30 min',
      '',
      'On Mon, Oct 5, 2026 at 3:00 PM Dana <d@x.org> wrote:',
      '10/05 ZQ therapy 30 min',
    ]);

    // Act
    const { unread } = await extractFromBytes(bytes, { tz, file: 'reply.eml' });

    // Assess
    expect(unread).toEqual([]);
    expect(unreadLines(context, emptyExtraction('reply.eml'))).toEqual([]);
  });

  it('finds nothing in a PTA newsletter full of dates with no service or session words', async () => {
    // Prepare
    const bytes = eml(
      [...plain.slice(0, 2), 'Subject: PTA News', ...plain.slice(3)],
      [
        'PTA News for October',
        '',
        '- Fall Festival: Friday 10/16, 5-7 pm in the gym. Volunteers needed!',
        '- Picture retakes are on Thursday, October 22.',
        '- Book fair 10/19 - 10/23 in the library.',
        '- Our next PTA meeting is Tuesday 10/6 at 6:30 pm.',
        '- Minimum day on 10/30 for parent conferences; dismissal at 12:15.',
        '',
        'Thank you for 20 years of support!',
      ],
    );

    // Act
    const { unread } = await extractFromBytes(bytes, { tz, file: 'pta.eml' });

    // Assess
    expect(unread).toEqual([]);
  });

  it('tells an attachment that could not be read under the same heading, with no line', async () => {
    // Prepare
    const boundary = 'b1';
    const bytes = eml(
      [...plain.slice(0, 4), `Content-Type: multipart/mixed; boundary="${boundary}"`],
      [
        `--${boundary}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Log attached.',
        `--${boundary}`,
        'Content-Type: application/pdf; name="log.pdf"',
        'Content-Disposition: attachment; filename="log.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('this is not a PDF at all').toString('base64'),
        `--${boundary}--`,
      ],
    );

    // Act
    const { unread, problems } = await extractFromBytes(bytes, { tz, file: 'att.eml' });

    // Assess
    expect(unread).toHaveLength(1);
    expect(unread[0]).toMatchObject({ part: 'log.pdf', line: null, date: null });
    expect(problems.map(problemInEnglish)).toContain(unread[0]?.text);
  });
});

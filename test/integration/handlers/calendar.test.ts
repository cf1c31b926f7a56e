// The calendar function behind its URL (payload 2.0 requests, as calendar apps send them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarLink, newCalendarLink } from '../../../shared/calendar-feed/calendar-feed';
import { deleteChildNow } from '../../../shared/deletion/child-deletion';
import { registerChild } from '../../../shared/replies/welcome';
import { putRecordIfNew } from '../../../shared/store/records';
import { changeWhatTheFeedShows } from '../../support/feed-changes';
import { storedRecord } from '../../support/stored-records';
import { invoke } from './aws-operations';
import { type AwsStandIns, eventFixture, startAwsStandIns } from './aws-stand-ins';

describe('the calendar handler', () => {
  let aws: AwsStandIns;
  let calendar: typeof import('../../../functions/calendar').handler;

  beforeAll(async () => {
    aws = await startAwsStandIns();
    ({ handler: calendar } = await import('../../../functions/calendar'));
  });

  afterAll(async () => {
    await aws?.close();
  });

  const get = (path: string, method = 'GET') =>
    invoke('IepStack-Calendar', calendar, eventFixture('function-url/calendar-get.json', { path, method }));

  const getIfNoneMatch = (path: string, etag: string) => {
    const event = eventFixture('function-url/calendar-get.json', { path, method: 'GET' }) as {
      headers: Record<string, string>;
    };
    event.headers['if-none-match'] = etag;
    return invoke('IepStack-Calendar', calendar, event);
  };

  it('answers the feed for a current token, and a bare 404 for rotated, unknown and malformed ones', async () => {
    // Prepare
    const child = await registerChild(aws.services, {
      name: 'Maya',
      guardians: ['maya.parent@example.com'],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
    });
    await putRecordIfNew(
      aws.table,
      storedRecord(child.id, 'date', { type: 'meeting-request', date: '2099-11-02', end: null }),
    );
    const link = await calendarLink(aws.services, child, aws.env.CALENDAR_BASE_URL ?? '');
    const path = new URL(link).pathname;

    // Act
    const ok = await get(path);
    const head = await get(path, 'HEAD');
    const post = await get(path, 'POST');
    const rotated = new URL(await newCalendarLink(aws.services, child, 'https://calendar.example.org')).pathname;
    const old = await get(path);
    const fresh = await get(rotated);
    const unknown = await get(`/calendar/${'b'.repeat(26)}.ics`);
    const malformed = await get('/calendar/../../etc/passwd');

    // Assess
    expect(link).toMatch(/^https:\/\/calendar\.example\.org\/calendar\/[a-z2-7]{26}\.ics$/);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(ok.body).toMatch(/^BEGIN:VCALENDAR/);
    expect(ok.body).toContain('DTSTART;VALUE=DATE:20991202');
    expect(ok.body).not.toContain(child.id);
    expect(head).toMatchObject({ statusCode: 200, body: '' });
    for (const refused of [post, old, unknown, malformed]) {
      expect(refused).toEqual({
        statusCode: 404,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: 'Not found\n',
      });
    }
    expect(fresh.statusCode).toBe(200);
  });

  it('forgets the calendar token when the child is deleted', async () => {
    // Prepare
    const child = await registerChild(aws.services, {
      name: 'Gone',
      guardians: ['gone.parent@example.com'],
      timeZone: 'America/Los_Angeles',
    });
    const path = new URL(await calendarLink(aws.services, child, 'https://calendar.example.org')).pathname;
    const token = path.split('/').pop()?.replace('.ics', '') ?? '';

    // Act
    await deleteChildNow(aws.services, child.id);
    const answer = await invoke(
      'IepStack-Calendar',
      calendar,
      eventFixture('function-url/calendar-get.json', { path, method: 'GET' }),
    );

    // Assess
    expect(answer.statusCode).toBe(404);
    const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
    const left = await aws.table.db.send(
      new GetCommand({ TableName: aws.table.tableName, Key: { pk: `CALENDAR#${token}`, sk: 'CALENDAR' } }),
    );
    expect(left.Item).toBeUndefined();
  });

  it('never reads the reply-signing secret', () => {
    // Assess
    expect(aws.secretRequests()).toBe(0);
  });

  it('answers 304 with no body when If-None-Match names the current version, and the new feed once an event changes', async () => {
    // Prepare
    const child = await registerChild(aws.services, {
      name: 'Noa',
      guardians: ['noa.parent@example.com'],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
    });
    await putRecordIfNew(
      aws.table,
      storedRecord(child.id, 'date', { type: 'meeting-request', date: '2099-11-02', end: null }),
    );
    const path = new URL(await calendarLink(aws.services, child, 'https://calendar.example.org')).pathname;
    const conditional = (etag: string) => getIfNoneMatch(path, etag);

    // Act
    aws.takeDynamoRequests();
    const first = await get(path);
    const fullFeedRequests = aws.takeDynamoRequests();
    const etag = first.headers.etag ?? '';
    const unchanged = await conditional(etag);
    const notModifiedRequests = aws.takeDynamoRequests();
    const otherVersion = await conditional('W/"not-this-one"');
    await putRecordIfNew(
      aws.table,
      storedRecord(child.id, 'date', { type: 'meeting-request', date: '2099-12-01', end: null }),
    );
    const changed = await conditional(etag);

    // Assess
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    expect(unchanged).toEqual({ statusCode: 304, headers: expect.objectContaining({ etag }), body: '' });
    expect(notModifiedRequests).toEqual(['GetItem']);
    expect(fullFeedRequests).toEqual(['GetItem', 'Query']);
    expect(otherVersion.statusCode).toBe(200);
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.body).toMatch(/^BEGIN:VCALENDAR/);
  });

  it('gives the feed a new validator after each change of what it shows, and 304 again once the app has it', async () => {
    // Prepare
    const child = await registerChild(aws.services, {
      name: 'Ari',
      guardians: ['ari.parent@example.com'],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
    });
    const path = new URL(await calendarLink(aws.services, child, 'https://calendar.example.org')).pathname;
    const conditional = (etag: string) => getIfNoneMatch(path, etag);
    let etag = (await get(path)).headers.etag ?? '';
    const seen: Array<[string, number, boolean, number]> = [];

    // Act
    await changeWhatTheFeedShows(aws.services, child.id, async (change) => {
      const after = await conditional(etag);
      const newEtag = after.headers.etag ?? '';
      const then = await conditional(newEtag);
      seen.push([change, after.statusCode, newEtag !== etag, then.statusCode]);
      etag = newEtag;
    });

    // Assess
    expect(seen).toEqual([
      ['a new date', 200, true, 304],
      ['a correction', 200, true, 304],
      ['a deletion', 200, true, 304],
      ['a language change', 200, true, 304],
    ]);
  });
});

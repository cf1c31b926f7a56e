// A child's private calendar feed through the feeds distribution: GET /calendar/<token>.ics answers
// the .ics, or 304 when If-None-Match names the current version; any other request, and any
// unknown or rotated token, a bare 404.
import { z } from 'zod';
import { calendarFeed, tokenFromPath } from '../shared/calendar-feed/calendar-feed';
import { feedResponse } from '../shared/calendar-feed/feed-response';
import { logger } from '../shared/observability/logger';
import { calendarFeedRepositories } from '../shared/store/calendar-feed-repositories';
import { lambdaHandler } from './commons/lambda-handler';
import { lambdaTable } from './commons/table';

const functionUrlEventSchema = z
  .object({
    rawPath: z.string().max(2_000),
    headers: z.record(z.string(), z.string().max(4_000)).optional(),
    requestContext: z.object({ http: z.object({ method: z.string().max(10) }).loose() }).loose(),
  })
  .loose();

export interface FunctionUrlResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const notFound: FunctionUrlResult = {
  statusCode: 404,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body: 'Not found\n',
};

async function serveCalendar(event: unknown): Promise<FunctionUrlResult> {
  const parsed = functionUrlEventSchema.safeParse(event);
  if (!parsed.success) return notFound;
  const method = parsed.data.requestContext.http.method.toUpperCase();
  const path = parsed.data.rawPath;
  if ((method !== 'GET' && method !== 'HEAD') || !path.startsWith('/calendar/')) return notFound;
  const token = tokenFromPath(path);
  if (!token) return notFound;
  const table = lambdaTable();
  // Function URLs deliver header names in lower case.
  const ifNoneMatch = parsed.data.headers?.['if-none-match'] ?? null;
  const feed = await calendarFeed({ ...calendarFeedRepositories(table), clock: table.clock }, token, ifNoneMatch);
  if (feed === null) logger.info('calendar token not found');
  const answer = feedResponse(feed, { method });
  return { statusCode: answer.status, headers: answer.headers, body: answer.body };
}

export const handler = lambdaHandler(serveCalendar);

// A child's private calendar feed through the function URL: GET /calendar/<token>.ics answers the
// .ics; any other request, and any unknown or rotated token, a bare 404.
import middy from '@middy/core';
import { z } from 'zod';
import { tokenFromPath } from '../shared/calendar-feed/calendar-feed';
import { logger } from '../shared/observability/logger';
import { awsContext } from './commons/services';

const functionUrlEventSchema = z
  .object({
    rawPath: z.string().max(2_000),
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
  const { services } = await awsContext({ signsReplies: false });
  const ics = await services.calendar.feed(token);
  if (ics === null) {
    logger.info('calendar token not found');
    return notFound;
  }
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'cache-control': 'private, max-age=300',
      'x-content-type-options': 'nosniff',
    },
    body: method === 'HEAD' ? '' : ics,
  };
}

export const handler = middy(serveCalendar);

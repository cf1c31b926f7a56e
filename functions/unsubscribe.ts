// One-click unsubscribe through its function URL: POST /unsubscribe/<token> with the body
// `List-Unsubscribe=One-Click` (RFC 8058) pauses the child's digests and reminders; GET shows a
// page with the button; anything else, and any token we did not sign, a bare 404.
import { z } from 'zod';
import { logger } from '../shared/observability/logger';
import { confirmPage, isOneClickBody, tokenFromUnsubscribePath } from '../shared/unsubscribe/one-click';
import { unsubscribeChild } from '../shared/unsubscribe/unsubscribe-child';
import type { FunctionUrlResult } from './calendar';
import { lambdaHandler } from './commons/lambda-handler';
import { lambdaUseCaseDeps } from './commons/use-case-deps';

const functionUrlEventSchema = z
  .object({
    rawPath: z.string().max(2_000),
    body: z.string().max(10_000).optional(),
    isBase64Encoded: z.boolean().optional(),
    requestContext: z.object({ http: z.object({ method: z.string().max(10) }).loose() }).loose(),
  })
  .loose();

const plain = (statusCode: number, body: string): FunctionUrlResult => ({
  statusCode,
  headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  body,
});

async function unsubscribe(event: unknown): Promise<FunctionUrlResult> {
  const parsed = functionUrlEventSchema.safeParse(event);
  if (!parsed.success) return plain(404, 'Not found\n');
  const method = parsed.data.requestContext.http.method.toUpperCase();
  const token = tokenFromUnsubscribePath(parsed.data.rawPath);
  if (!token) return plain(404, 'Not found\n');
  if (method === 'GET') {
    return {
      statusCode: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
      body: confirmPage(parsed.data.rawPath),
    };
  }
  if (method !== 'POST') return plain(404, 'Not found\n');
  const raw = parsed.data.body ?? '';
  const body = parsed.data.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (!isOneClickBody(body)) return plain(400, 'Expected List-Unsubscribe=One-Click\n');
  const paused = await unsubscribeChild(await lambdaUseCaseDeps({}), token);
  logger.info('one-click unsubscribe', { paused });
  return paused ? plain(200, 'Paused: no more digests or reminders.\n') : plain(404, 'Not found\n');
}

export const handler = lambdaHandler(unsubscribe);

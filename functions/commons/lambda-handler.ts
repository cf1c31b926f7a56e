// Every handler is wrapped the same way: middy, with the Powertools logger given the Lambda context
// (function name and version, request id, cold start) on each invocation. The event itself is never
// logged, whatever POWERTOOLS_LOGGER_LOG_EVENT says: it carries mail, addresses and children's names.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger } from '../../shared/observability/logger';

export function lambdaHandler<TEvent, TResult>(handler: (event: TEvent, context: Context) => Promise<TResult>) {
  return middy(handler).use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }));
}

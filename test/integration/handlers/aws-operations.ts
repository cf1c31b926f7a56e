// Records every AWS API operation a Lambda handler issues, at the SDK boundary: a middleware on
// each client the code uses (and the Secrets Manager mock, which stands in for the SDK call).
// Only calls made while a handler runs (through `invoke`) count, attributed to that function;
// with IEP_AWS_OPERATIONS_DIR set, each test file writes what it saw there for the IAM test.
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll } from 'vitest';
import { type LambdaContext, lambdaContext } from './lambda-context';

/** One operation as issued: `DynamoDB:PutItem`, with the input fields that decide its IAM action. */
export interface AwsOperation {
  service: string;
  operation: string;
  /** Set for a DynamoDB call on an index, or an S3 delete of a given object version. */
  index?: boolean;
  version?: boolean;
}

const running = new AsyncLocalStorage<string>();
const seen = new Map<string, Map<string, AwsOperation>>();

export function recordOperation(operation: AwsOperation): void {
  const functionName = running.getStore();
  if (!functionName) return; // the test arranging or reading, not a handler
  const ops = seen.get(functionName) ?? new Map<string, AwsOperation>();
  ops.set(JSON.stringify(operation), operation);
  seen.set(functionName, ops);
}

/**
 * Runs a handler as Lambda would, with its context and its function's name in the environment
 * (each function has its own execution environment, so its own cold start), recording what it
 * calls as that function.
 */
export function invoke<R>(
  functionName: string,
  handler: (event: unknown, context: LambdaContext) => Promise<R>,
  event: unknown,
): Promise<R> {
  process.env.AWS_LAMBDA_FUNCTION_NAME = functionName;
  return running.run(functionName, () => handler(event, lambdaContext(functionName)));
}

/** Runs `work` as the test, not as the handler that is running: what it calls is not recorded. */
export function asTheTest<R>(work: () => R): R {
  return running.exit(work);
}

type Input = { IndexName?: unknown; VersionId?: unknown; Delete?: { Objects?: Array<{ VersionId?: unknown }> } };

function recorder(next: (args: { input: Input }) => Promise<unknown>, context: Record<string, unknown>) {
  return async (args: { input: Input }) => {
    const service = String(context.clientName ?? '').replace(/Client$/, '');
    const operation = String(context.commandName ?? '').replace(/Command$/, '');
    const input = args.input ?? {};
    recordOperation({
      service,
      operation,
      ...(input.IndexName ? { index: true } : {}),
      ...(input.VersionId || input.Delete?.Objects?.some((o) => o.VersionId) ? { version: true } : {}),
    });
    return next(args);
  };
}

type Sending = { middlewareStack: { add: (...args: unknown[]) => void } };

for (const client of [DynamoDBClient, DynamoDBDocumentClient, S3Client, SESv2Client, SQSClient, SNSClient]) {
  const prototype = client.prototype as unknown as { send: (this: Sending, ...args: unknown[]) => unknown };
  const send = prototype.send;
  if ((send as { records?: boolean }).records) continue;
  const recordingSend = function (this: Sending, ...args: unknown[]) {
    this.middlewareStack.add(recorder, { step: 'initialize', name: 'recordAwsOperation', override: true });
    return send.apply(this, args);
  };
  (recordingSend as { records?: boolean }).records = true;
  prototype.send = recordingSend;
}

/** What each function issued in this test file: function name -> operations. */
export function recordedOperations(): Record<string, AwsOperation[]> {
  return Object.fromEntries([...seen].map(([name, ops]) => [name, [...ops.values()]]));
}

afterAll(() => {
  const dir = process.env.IEP_AWS_OPERATIONS_DIR;
  if (!dir || seen.size === 0) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${process.pid}-${Date.now()}.json`), JSON.stringify(recordedOperations()));
});

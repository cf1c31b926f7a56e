// The roles in the synthesized template compared with what the code does: the handler suites run
// with every AWS operation recorded at the SDK boundary (handlers/aws-operations.ts), and each
// operation a function issued must be allowed to that function's role, on the right resource.
// Grants of data actions that no handler test exercised must be listed below with the reason.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthStack } from '../support/synth-stack';
import type { AwsOperation } from './handlers/aws-operations';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
type Resource = { Type: string; Properties: Record<string, unknown> };

/** The IAM action an operation needs, and what it acts on (a logical-id prefix, and a path mark). */
function needs(op: AwsOperation): { actions: string[]; on: string; path?: string } {
  const table = { on: 'Records', ...(op.index ? { path: '/index/' } : {}) };
  switch (op.service) {
    case 'DynamoDB':
      return { actions: [`dynamodb:${op.operation}`], ...table };
    case 'S3': {
      const object = { on: 'RawMail', path: '/*' };
      if (op.operation === 'GetObject' || op.operation === 'HeadObject')
        return { actions: ['s3:GetObject'], ...object };
      if (op.operation === 'PutObject') return { actions: ['s3:PutObject'], ...object };
      if (op.operation === 'DeleteObject' || op.operation === 'DeleteObjects')
        return { actions: [op.version ? 's3:DeleteObjectVersion' : 's3:DeleteObject'], ...object };
      if (op.operation === 'ListObjectsV2') return { actions: ['s3:ListBucket'], on: 'RawMail' };
      if (op.operation === 'ListObjectVersions') return { actions: ['s3:ListBucketVersions'], on: 'RawMail' };
      break;
    }
    case 'SESv2':
      if (op.operation === 'SendEmail') return { actions: ['ses:SendEmail'], on: ':identity/' };
      break;
    case 'SQS':
      if (op.operation.startsWith('SendMessage')) return { actions: ['sqs:SendMessage'], on: 'Queue' };
      break;
    case 'SNS':
      if (op.operation === 'Publish') return { actions: ['sns:Publish'], on: 'AlarmTopic' };
      break;
    case 'SecretsManager':
      if (op.operation === 'GetSecretValue') return { actions: ['secretsmanager:GetSecretValue'], on: 'ReplySigning' };
      break;
  }
  throw new Error(`no IAM action known for ${op.service}:${op.operation}: add it to needs()`);
}

const DATA_SERVICES = ['dynamodb', 's3', 'ses', 'sqs', 'sns', 'secretsmanager'];

/** Granted data actions no handler test exercises, per function, and why they stay. */
// sqs:SendMessage (Feedback): Lambda sends a failed asynchronous event to the function's DLQ.
// sqs:Receive/Delete/ChangeMessageVisibility/GetQueue*: the SQS event source polls with the role.
// ses:SendRawEmail: SES may authorize a v2 send with attachments under it.
// dynamodb reads granted as one read set to every reader (BatchGetItem etc.) that these suites do
// not reach for that function; a candidate to narrow.
const EVENT_SOURCE = [
  'sqs:ChangeMessageVisibility',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
  'sqs:GetQueueUrl',
  'sqs:ReceiveMessage',
];
const GRANTED_UNEXERCISED: Record<string, string[]> = {
  Inbound: ['ses:SendRawEmail'],
  Dispatch: [],
  Digest: ['dynamodb:BatchGetItem', 'ses:SendRawEmail', ...EVENT_SOURCE],
  Reminders: ['dynamodb:BatchGetItem', 'ses:SendRawEmail', ...EVENT_SOURCE],
  Calendar: ['dynamodb:BatchGetItem'],
  Unsubscribe: [],
  // A sibling's share of a raw message stored before reference items existed is read by BatchGetItem.
  Deletion: ['dynamodb:BatchGetItem', 'ses:SendRawEmail', ...EVENT_SOURCE],
  Feedback: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem', 'sqs:SendMessage'],
};

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const matches = (pattern: string, action: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i').test(action);

const recorded: Record<string, AwsOperation[]> = {};
let resources: Record<string, Resource> = {};
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'iep-aws-operations-'));
  const run = spawnSync('npx', ['vitest', 'run', '--project', 'integration', 'test/integration/handlers/'], {
    env: { ...process.env, IEP_AWS_OPERATIONS_DIR: dir },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`the handler suites failed:\n${run.stdout.slice(-3000)}${run.stderr}`);
  for (const file of readdirSync(dir)) {
    const part = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, AwsOperation[]>;
    for (const [fn, ops] of Object.entries(part))
      recorded[fn.replace(/^IepStack-/, '')] = [...(recorded[fn.replace(/^IepStack-/, '')] ?? []), ...ops];
  }
  resources = synthStack().template.toJSON().Resources as Record<string, Resource>;
}, 900_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The Allow statements of a function's role (its policies), by the function's construct id. */
function roleStatements(functionId: string): Statement[] {
  const fn = Object.entries(resources).find(
    ([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith(functionId) && !id.includes('Alarm'),
  );
  if (!fn) throw new Error(`no function ${functionId} in the template`);
  const role = ((fn[1].Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'] ?? [])[0];
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .filter((r) => JSON.stringify(r.Properties.Roles ?? []).includes(`"${role}"`))
    .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
    .filter((s) => s.Effect === 'Allow');
}

describe('each function role allows what its code does, and no more', () => {
  it('recorded operations for every function', () => {
    expect(Object.keys(recorded).sort()).toEqual(Object.keys(GRANTED_UNEXERCISED).sort());
  });

  it.each(Object.keys(GRANTED_UNEXERCISED))('%s', (functionId) => {
    const statements = roleStatements(functionId);
    const missing: string[] = [];
    for (const op of recorded[functionId] ?? []) {
      const need = needs(op);
      for (const action of need.actions) {
        const allowed = statements.some((s) => {
          const resource = JSON.stringify(s.Resource);
          return (
            asList(s.Action).some((a) => matches(a, action)) &&
            resource.includes(need.on) &&
            (!need.path || resource.includes(need.path))
          );
        });
        if (!allowed) missing.push(`${action} on ${need.on}${need.path ?? ''} (${op.service}:${op.operation})`);
      }
    }
    expect(missing, `${functionId} calls what its role does not allow`).toEqual([]);

    // Nothing broad: no wildcard action, no data action on every resource.
    const granted = statements.flatMap((s) => asList(s.Action).map((action) => ({ action, resource: s.Resource })));
    expect(granted.filter((g) => g.action === '*' || g.action.endsWith(':*'))).toEqual([]);
    expect(
      granted.filter(
        (g) => DATA_SERVICES.includes(g.action.split(':')[0] ?? '') && JSON.stringify(g.resource) === '"*"',
      ),
    ).toEqual([]);
    const exercised = new Set((recorded[functionId] ?? []).flatMap((op) => needs(op).actions));
    const unexercised = [
      ...new Set(
        granted
          .map((g) => g.action)
          .filter((action) => DATA_SERVICES.includes(action.split(':')[0] ?? '') && !exercised.has(action)),
      ),
    ].sort();
    expect(unexercised, `${functionId} is granted data actions its code never issues`).toEqual(
      [...GRANTED_UNEXERCISED[functionId]!].sort(),
    );
  });
});

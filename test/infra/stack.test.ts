import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { IepStack } from '../../infra/iep-stack';

// Synthesized without bundling: these tests read the template, not the code inside it.
function synth() {
  const { context } = JSON.parse(readFileSync('cdk.json', 'utf8')) as { context: Record<string, unknown> };
  const app = new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } });
  const stack = new IepStack(app, 'Test', {
    domain: 'inbound.example.org',
    fromAddress: 'tracker@inbound.example.org',
    alarmEmail: 'operator@example.org',
    rawMailRetentionDays: 0,
    env: { account: '123456789012', region: 'us-east-1' },
  });
  return { app, stack, template: Template.fromStack(stack) };
}

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

describe('the deployed stack', () => {
  let built: ReturnType<typeof synth>;
  // Synthesis takes seconds, more on a busy machine.
  beforeAll(() => {
    built = synth();
  }, 120_000);

  it('stores the raw message in S3, then invokes the reader asynchronously, then stops', () => {
    // Prepare
    const rules = built.template.findResources('AWS::SES::ReceiptRule');
    // Act
    const [rule] = Object.values(rules) as Array<{
      Properties: { Rule: { Actions: Array<Record<string, unknown>>; Recipients: string[] } };
    }>;
    // Assess
    expect(rule?.Properties.Rule.Recipients).toEqual(['inbound.example.org']);
    expect(rule?.Properties.Rule.Actions.map((action) => Object.keys(action)[0])).toEqual([
      'S3Action',
      'LambdaAction',
      'StopAction',
    ]);
    expect(rule?.Properties.Rule.Actions[1]).toMatchObject({ LambdaAction: { InvocationType: 'Event' } });
  });

  it('keeps raw mail private, encrypted, versioned and only over TLS', () => {
    built.template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'raw-mail/' }),
    });
    built.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('encrypts the table with its own key, with point-in-time recovery, TTL and deletion protection', () => {
    built.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [
        Match.objectLike({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
          SSESpecification: { KMSMasterKeyId: Match.anyValue() },
        }),
      ],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      BillingMode: 'PAY_PER_REQUEST',
    });
    built.template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('runs every function on Node.js 22, arm64, traced, with a dead-letter queue where it is invoked asynchronously', () => {
    const functions = built.template.findResources('AWS::Lambda::Function');
    const ours = Object.entries(functions).filter(([id]) =>
      ['Inbound', 'Dispatch', 'Digest', 'Reminders', 'Calendar', 'Feedback'].some((name) => id.startsWith(name)),
    );
    expect(ours).toHaveLength(6);
    for (const [id, fn] of ours as Array<[string, { Properties: Record<string, unknown> }]>) {
      expect(fn.Properties.Runtime, id).toBe('nodejs22.x');
      expect(fn.Properties.Architectures, id).toEqual(['arm64']);
      expect(fn.Properties.TracingConfig, id).toEqual({ Mode: 'Active' });
      const asynchronous = ['Inbound', 'Dispatch', 'Reminders', 'Feedback'].some((name) => id.startsWith(name));
      if (asynchronous) expect(fn.Properties.DeadLetterConfig, id).toBeDefined();
    }
    built.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('schedules dispatch and reminders every hour, with retries and a dead-letter queue', () => {
    const schedules = Object.values(built.template.findResources('AWS::Scheduler::Schedule')) as Array<{
      Properties: { ScheduleExpression: string; Target: { DeadLetterConfig?: unknown; RetryPolicy?: unknown } };
    }>;
    expect(schedules).toHaveLength(2);
    for (const schedule of schedules) {
      expect(schedule.Properties.ScheduleExpression).toBe('cron(0 * * * ? *)');
      expect(schedule.Properties.Target.DeadLetterConfig).toBeDefined();
      expect(schedule.Properties.Target.RetryPolicy).toBeDefined();
    }
  });

  it('alarms the operator on dead letters, errors, throttles and the bounce rate', () => {
    const alarms = Object.values(built.template.findResources('AWS::CloudWatch::Alarm')) as Array<{
      Properties: { MetricName: string; AlarmActions: unknown[] };
    }>;
    const metrics = alarms.map((alarm) => alarm.Properties.MetricName);
    expect(metrics).toContain('ApproximateNumberOfMessagesVisible');
    expect(metrics.filter((m) => m === 'Errors')).toHaveLength(6);
    expect(metrics.filter((m) => m === 'Throttles')).toHaveLength(6);
    expect(metrics).toContain('Reputation.BounceRate');
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
    built.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'operator@example.org',
    });
  });

  it('grants no action on every resource, except the X-Ray calls AWS offers no resource scoping for', () => {
    const policies = Object.values(built.template.findResources('AWS::IAM::Policy')) as Array<{
      Properties: { PolicyDocument: { Statement: Statement[] } };
    }>;
    const unscoped = policies
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
      .filter((statement) => statement.Resource === '*')
      .flatMap((statement) => [statement.Action].flat());
    expect(unscoped.length).toBeGreaterThan(0);
    for (const action of unscoped) expect(action).toMatch(/^xray:/);
    const roles = Object.values(built.template.findResources('AWS::IAM::Role')) as Array<{
      Properties: { ManagedPolicyArns?: unknown[] };
    }>;
    for (const role of roles) expect(role.Properties.ManagedPolicyArns ?? []).toEqual([]);
  });

  it('passes the cdk-nag AwsSolutions checks, every exception acknowledged with its reason', () => {
    const report = new AwsSolutionsChecks(built.app).validateScope(built.stack);
    const errors = report.violations.filter((violation) => violation.severity === 'error');
    expect(errors.map((violation) => violation.ruleName)).toEqual([]);
  }, 60_000);
});

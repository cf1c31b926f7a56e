import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DIGEST_BATCH_SIZE,
  DIGEST_CONCURRENCY,
  REMINDER_BATCH_SIZE,
  REMINDER_CONCURRENCY,
} from '../../infra/iep-stack';
import { stackConfig } from '../../infra/stack-config';
import { EXAMPLE_CONTEXT, synthStack as synth } from '../support/synth-stack';

type Statement = {
  Sid?: string;
  Action: string | string[];
  Resource: unknown;
  Effect: string;
  Principal?: unknown;
  Condition?: Record<string, unknown>;
};

/** Every statement of the policies (or key policies) of one resource type. */
function policyStatements(template: Template, type: string): Statement[] {
  const resources = Object.values(template.findResources(type)) as Array<{
    Properties: { PolicyDocument?: { Statement: Statement[] }; KeyPolicy?: { Statement: Statement[] } };
  }>;
  return resources.flatMap(
    (resource) => (resource.Properties.PolicyDocument ?? resource.Properties.KeyPolicy)?.Statement ?? [],
  );
}

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

  it('keeps raw mail private, on the stack key with a bucket key, versioned and only over TLS', () => {
    const [keyId] = Object.keys(built.template.findResources('AWS::KMS::Key'));
    built.template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: Match.anyValue(),
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] },
            },
          },
        ],
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

  it('lets SES write raw mail and invoke the reader only for our account and our receipt rule', () => {
    const ruleArn = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':ses:us-east-1:123456789012:receipt-rule-set/iep-dev-inbound:receipt-rule/iep-dev-child-addresses',
        ],
      ],
    };
    const fromOurRule = { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' }, 'aws:SourceArn': ruleArn } };
    const sesStatements = policyStatements(built.template, 'AWS::S3::BucketPolicy').filter((statement) =>
      JSON.stringify(statement.Principal ?? {}).includes('ses.amazonaws.com'),
    );
    expect(sesStatements).toHaveLength(1);
    expect(sesStatements[0]).toMatchObject({ Action: 's3:PutObject', Condition: fromOurRule });
    const invokes = Object.values(built.template.findResources('AWS::Lambda::Permission')).filter(
      (permission) =>
        (permission as { Properties: { Principal: string } }).Properties.Principal === 'ses.amazonaws.com',
    ) as Array<{ Properties: Record<string, unknown> }>;
    expect(invokes).toHaveLength(1);
    expect(invokes[0]?.Properties).toMatchObject({
      Action: 'lambda:InvokeFunction',
      SourceAccount: { Ref: 'AWS::AccountId' },
      SourceArn: ruleArn,
    });
    built.template.hasResourceProperties('AWS::SES::ReceiptRuleSet', { RuleSetName: 'iep-dev-inbound' });
  });

  it('conditions every service grant in the key policy, and lets the scheduler use the key only for its dead letters', () => {
    const services = policyStatements(built.template, 'AWS::KMS::Key').filter((statement) =>
      JSON.stringify(statement.Principal ?? {}).includes('Service'),
    );
    expect(services.map((statement) => statement.Sid).sort()).toEqual([
      'LogsEncryptOurLogGroups',
      'SesEncryptsRawMailThroughS3',
      'cloudwatchPublishesToiep-dev-alarms',
      'sesPublishesToiep-dev-send-feedback',
    ]);
    for (const statement of services) expect(Object.keys(statement.Condition ?? {}), statement.Sid).not.toEqual([]);
    const raw = services.find((statement) => statement.Sid === 'SesEncryptsRawMailThroughS3');
    expect(raw?.Condition).toMatchObject({ StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } });

    const [schedulerPolicy] = Object.entries(built.template.findResources('AWS::IAM::Policy'))
      .filter(([id]) => id.startsWith('SchedulerRole'))
      .map(([, policy]) => (policy as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties);
    const actions = (schedulerPolicy?.PolicyDocument.Statement ?? []).flatMap((statement) => [statement.Action].flat());
    expect(actions).toEqual(
      expect.arrayContaining(['kms:GenerateDataKey', 'sqs:SendMessage', 'lambda:InvokeFunction']),
    );
    const kms = schedulerPolicy?.PolicyDocument.Statement.find((statement) =>
      statement.Action.includes('kms:GenerateDataKey'),
    );
    expect(kms?.Condition).toMatchObject({ StringEquals: { 'kms:ViaService': 'sqs.us-east-1.amazonaws.com' } });
  });

  it("sends everything through the identity's default configuration set, and alarms at SES's review thresholds", () => {
    built.template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'inbound.example.org',
      ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() },
    });
    const alarms = Object.values(built.template.findResources('AWS::CloudWatch::Alarm')) as Array<{
      Properties: { MetricName: string; Threshold: number; ComparisonOperator: string };
    }>;
    const rate = (metric: string) => alarms.find((alarm) => alarm.Properties.MetricName === metric)?.Properties;
    expect(rate('Reputation.BounceRate')).toMatchObject({
      Threshold: 0.05,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(rate('Reputation.ComplaintRate')).toMatchObject({
      Threshold: 0.001,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('serves calendar feeds and unsubscribe links from one CloudFront address, the calendar URL reachable only through it', () => {
    const urls = Object.values(built.template.findResources('AWS::Lambda::Url')) as Array<{
      Properties: { AuthType: string; TargetFunctionArn: { 'Fn::GetAtt': string[] } };
    }>;
    const authOf = (name: string) =>
      urls.find((url) => url.Properties.TargetFunctionArn['Fn::GetAtt'][0]?.startsWith(name))?.Properties.AuthType;
    expect(authOf('Calendar')).toBe('AWS_IAM');
    expect(authOf('Unsubscribe')).toBe('NONE');
    built.template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({
        OriginAccessControlOriginType: 'lambda',
        SigningBehavior: 'always',
      }),
    });
    built.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'https-only' }),
        CacheBehaviors: [Match.objectLike({ PathPattern: '/unsubscribe/*', ViewerProtocolPolicy: 'https-only' })],
      }),
    });
    built.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunctionUrl',
      Principal: 'cloudfront.amazonaws.com',
      SourceArn: Match.anyValue(),
    });
    const [distributionId] = Object.keys(built.template.findResources('AWS::CloudFront::Distribution'));
    const digest = Object.entries(built.template.findResources('AWS::Lambda::Function')).find(([id]) =>
      id.startsWith('Digest'),
    )?.[1] as { Properties: { Environment: { Variables: Record<string, unknown> } } };
    for (const name of ['CALENDAR_BASE_URL', 'UNSUBSCRIBE_BASE_URL']) {
      expect(JSON.stringify(digest.Properties.Environment.Variables[name])).toContain(distributionId);
    }
  });

  it('reserves no concurrency by default, and feeds digests at a bounded concurrency so throttling never dead-letters', () => {
    const functions = Object.values(built.template.findResources('AWS::Lambda::Function')) as Array<{
      Properties: Record<string, unknown>;
    }>;
    for (const fn of functions) expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
    built.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: DIGEST_BATCH_SIZE,
      ScalingConfig: { MaximumConcurrency: DIGEST_CONCURRENCY },
    });
    built.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: REMINDER_BATCH_SIZE,
      ScalingConfig: { MaximumConcurrency: REMINDER_CONCURRENCY },
    });
    const mappings = Object.values(built.template.findResources('AWS::Lambda::EventSourceMapping')) as Array<{
      Properties: { EventSourceArn?: unknown; ScalingConfig?: unknown; FunctionResponseTypes?: string[] };
    }>;
    for (const mapping of mappings.filter((m) => JSON.stringify(m.Properties.EventSourceArn).includes('Queue'))) {
      expect(mapping.Properties.ScalingConfig).toBeDefined();
      expect(mapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    }
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
      ['Inbound', 'Dispatch', 'Digest', 'Reminders', 'Calendar', 'Feedback', 'Unsubscribe', 'Deletion'].some((name) =>
        id.startsWith(name),
      ),
    );
    expect(ours).toHaveLength(8);
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

  it('deletes through a queue with a dead-letter queue that alarms, and deletes raw mail only by version', () => {
    const queues = built.template.findResources('AWS::SQS::Queue');
    const [queueId, queue] = Object.entries(queues).find(
      ([id]) => id.startsWith('DeletionQueue') && !id.includes('Dlq'),
    ) as [
      string,
      { Properties: { RedrivePolicy: { maxReceiveCount: number; deadLetterTargetArn: { 'Fn::GetAtt': string[] } } } },
    ];
    expect(queue.Properties.RedrivePolicy.maxReceiveCount).toBe(5);
    const dlqId = queue.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0];
    built.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
    });
    built.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const actions = policyStatements(built.template, 'AWS::IAM::Policy').flatMap((statement) =>
      Array.isArray(statement.Action) ? statement.Action : [statement.Action],
    );
    expect(actions).toContain('s3:DeleteObjectVersion');
    expect(actions).toContain('s3:ListBucketVersions');
    expect(actions).not.toContain('s3:DeleteObject');
    // Deletion finds a child's items by query: no role may scan the table.
    expect(actions.filter((action) => /^dynamodb:(Scan|\*)$/.test(action))).toEqual([]);
    built.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [
        Match.objectLike({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 },
        }),
      ],
    });
  });

  it('schedules dispatch and reminders every hour, with retries, a dead-letter queue and the scheduled time', () => {
    const schedules = Object.values(built.template.findResources('AWS::Scheduler::Schedule')) as Array<{
      Properties: {
        ScheduleExpression: string;
        Target: { DeadLetterConfig?: unknown; RetryPolicy?: unknown; Input?: string };
      };
    }>;
    expect(schedules).toHaveLength(2);
    for (const schedule of schedules) {
      expect(schedule.Properties.ScheduleExpression).toBe('cron(0 * * * ? *)');
      expect(schedule.Properties.Target.DeadLetterConfig).toBeDefined();
      expect(schedule.Properties.Target.RetryPolicy).toBeDefined();
      // A retry an hour later still runs for the hour it was due (functions/commons/scheduled-event.ts).
      expect(JSON.parse(schedule.Properties.Target.Input ?? '{}')).toEqual({
        scheduledTime: '<aws.scheduler.scheduled-time>',
      });
    }
  });

  it('alarms the operator on dead letters, errors, throttles and the bounce rate', () => {
    const alarms = Object.values(built.template.findResources('AWS::CloudWatch::Alarm')) as Array<{
      Properties: { MetricName: string; AlarmActions: unknown[] };
    }>;
    const metrics = alarms.map((alarm) => alarm.Properties.MetricName);
    expect(metrics).toContain('ApproximateNumberOfMessagesVisible');
    expect(metrics.filter((m) => m === 'Errors')).toHaveLength(8);
    expect(metrics.filter((m) => m === 'Throttles')).toHaveLength(8);
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

describe('a deployment configured from its context', () => {
  it('names the stack and its named resources by stage, protects prod from termination, and can reserve concurrency', () => {
    const prod = synth({ stage: 'prod', reservedConcurrency: 'true' });
    expect(prod.stack.stackName).toBe('IepTracker-prod');
    expect(prod.stack.terminationProtection).toBe(true);
    expect(synth().stack.terminationProtection).toBe(false);
    prod.template.hasResourceProperties('AWS::SES::ReceiptRuleSet', { RuleSetName: 'iep-prod-inbound' });
    prod.template.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: 'iep-prod-sending' });
    const reserved = (
      Object.values(prod.template.findResources('AWS::Lambda::Function')) as Array<{
        Properties: { ReservedConcurrentExecutions?: number };
      }>
    ).map((fn) => fn.Properties.ReservedConcurrentExecutions);
    expect(reserved.every((units) => typeof units === 'number' && units > 0)).toBe(true);
  }, 120_000);

  it('adds our rule to an already active rule set instead of creating one, when told its name', () => {
    const { template } = synth({ activeRuleSet: 'default-rule-set' });
    expect(template.findResources('AWS::SES::ReceiptRuleSet')).toEqual({});
    template.hasResourceProperties('AWS::SES::ReceiptRule', { RuleSetName: 'default-rule-set' });
    expect(Object.keys(template.findOutputs('ActivateReceiptRules'))).toEqual([]);
  }, 120_000);

  it('refuses a missing or malformed domain, from address or alarm email, naming it', () => {
    const config = (context: Record<string, string>) => () => stackConfig((name) => context[name]);
    expect(config({ from: 'a@in.example.org', alarmEmail: 'b@example.org' })).toThrow(/Missing CDK context "domain"/);
    expect(config({ domain: 'in.example.org', alarmEmail: 'b@example.org' })).toThrow(/Missing CDK context "from"/);
    expect(config({ domain: 'in.example.org', from: 'a@in.example.org' })).toThrow(/Missing CDK context "alarmEmail"/);
    expect(config({ domain: 'in.example.org', from: 'a@elsewhere.org', alarmEmail: 'b@example.org' })).toThrow(
      /"from" must be an address on in.example.org/,
    );
    expect(config({ ...EXAMPLE_CONTEXT, stage: 'Prod!' })).toThrow(/"stage"/);
  });

  it('cdk synth without -c domain exits non-zero with a plain message, and cdk.json holds no example values', () => {
    const { context } = JSON.parse(readFileSync('cdk.json', 'utf8')) as { context: Record<string, unknown> };
    expect(Object.keys(context)).not.toContain('domain');
    const out = mkdtempSync(join(tmpdir(), 'iep-synth-'));
    const result = spawnSync(
      'npx',
      [
        'cdk',
        'synth',
        '--no-notices',
        '--no-version-reporting',
        '-o',
        out,
        '-c',
        'from=a@in.example.org',
        '-c',
        'alarmEmail=b@example.org',
      ],
      { encoding: 'utf8', env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' } },
    );
    rmSync(out, { recursive: true, force: true });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('Missing CDK context "domain": pass it with -c domain=');
  }, 180_000);
});

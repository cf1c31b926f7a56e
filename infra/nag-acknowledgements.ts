import { type CfnElement, type Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Findings of cdk-nag's AwsSolutions pack that were reviewed and accepted, each with its reason,
 * each on the resources it is about (never the whole stack), so a new resource with the same
 * finding is flagged.
 */
export function acknowledgeReviewedFindings(
  stack: Stack,
  resources: {
    rawMailBucket: IConstruct;
    /** Every function of the stack (TrackerFunction). */
    functions: IConstruct[];
    scheduledFunctions: IConstruct[];
    schedulerRole: IConstruct;
    signingSecret: IConstruct;
    /** Queues that are themselves dead-letter queues. */
    deadLetterQueues: IConstruct[];
    /** The CloudFront distribution of the calendar feeds and the unsubscribe link. */
    distribution: IConstruct;
  },
): void {
  const logicalId = (construct: IConstruct) => stack.getLogicalId(construct.node.defaultChild as CfnElement);
  const acknowledge = (scope: IConstruct, id: string, reason: string) =>
    Validations.of(scope).acknowledge({ id, reason });
  const defaultPolicyOf = (fn: IConstruct) => {
    const role = (fn as unknown as { role?: IConstruct }).role;
    return role?.node.tryFindChild('DefaultPolicy');
  };

  for (const fn of resources.functions) {
    acknowledge(
      fn,
      'AwsSolutions-L1',
      'Node.js 22 is the runtime the project builds and tests its bundles for; it moves to the next LTS runtime deliberately, with its tests.',
    );
    const policy = defaultPolicyOf(fn);
    if (policy) {
      acknowledge(
        policy,
        'AwsSolutions-IAM5[Resource::*]',
        'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions (test/infra asserts no other action has Resource *).',
      );
    }
  }
  acknowledge(
    resources.signingSecret,
    'AwsSolutions-SMG4',
    'The reply-signing secret verifies reply references for 60 days; rotating it automatically would silently invalidate every answer a family may still reply to. Operators rotate it by hand (README).',
  );
  for (const queue of resources.deadLetterQueues) {
    acknowledge(
      queue,
      'AwsSolutions-SQS3',
      'This queue is itself a dead-letter queue; dead letters raise an alarm instead.',
    );
  }
  const rawObjects = `AwsSolutions-IAM5[Resource::<${logicalId(resources.rawMailBucket)}.Arn>/*]`;
  for (const fn of resources.functions) {
    const policy = defaultPolicyOf(fn);
    if (!policy) continue;
    if (fn.node.id === 'Inbound') {
      acknowledge(
        policy,
        rawObjects,
        'SES names each raw message by its message id, unknown in advance; the reader reads them and moves mail for no child aside (deleting its versions).',
      );
    }
    if (fn.node.id === 'Deletion') {
      acknowledge(
        policy,
        rawObjects,
        'Delete by version id only (s3:DeleteObjectVersion): a family’s raw mail, named by SES message ids unknown in advance.',
      );
    }
  }
  for (const [id, reason] of [
    [
      'AwsSolutions-CFR1',
      'Families subscribe from wherever they are (travel, relatives abroad); the feed URL holds an unguessable token.',
    ],
    [
      'AwsSolutions-CFR2',
      'No WAF: each request is one token lookup, the tokens are unguessable (>= 128 bits), and a WAF web ACL costs more than the whole stack at small sizes; reserved concurrency caps the functions when opted in.',
    ],
    [
      'AwsSolutions-CFR3',
      'No access logs: every request path holds a family’s private feed or unsubscribe token, which a log would keep; the functions log outcomes without tokens.',
    ],
    [
      'AwsSolutions-CFR4',
      'The default *.cloudfront.net certificate allows TLSv1 for old clients; a custom domain (README) sets TLSv1.2_2021.',
    ],
  ] as const) {
    acknowledge(resources.distribution, id, reason);
  }
  const schedulerPolicy = resources.schedulerRole.node.tryFindChild('DefaultPolicy');
  if (schedulerPolicy) {
    for (const fn of resources.scheduledFunctions) {
      acknowledge(
        schedulerPolicy,
        `AwsSolutions-IAM5[Resource::<${logicalId(fn)}.Arn>:*]`,
        'Made by the scheduler target construct: it may invoke the function and its versions, nothing else.',
      );
    }
  }
}

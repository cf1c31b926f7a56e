import { type CfnElement, type Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** Findings of cdk-nag's AwsSolutions pack that were reviewed and accepted, each with its reason. */
export function acknowledgeReviewedFindings(
  stack: Stack,
  resources: { rawMailBucket: IConstruct; scheduledFunctions: IConstruct[] },
): void {
  const logicalId = (construct: IConstruct) => stack.getLogicalId(construct.node.defaultChild as CfnElement);
  const acknowledge = (scope: IConstruct, id: string, reason: string) =>
    Validations.of(scope).acknowledge({ id, reason });

  acknowledge(
    stack,
    'AwsSolutions-IAM5[Resource::*]',
    'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions (test/infra asserts no other action has Resource *).',
  );
  acknowledge(
    stack,
    'AwsSolutions-L1',
    'Node.js 22 is the runtime the project builds and tests its bundles for; it moves to the next LTS runtime deliberately, with its tests.',
  );
  acknowledge(
    stack,
    'AwsSolutions-SMG4',
    'The reply-signing secret verifies reply references for 60 days; rotating it automatically would silently invalidate every answer a family may still reply to. Operators rotate it by hand (README).',
  );
  acknowledge(
    stack,
    'AwsSolutions-SQS3',
    'The flagged queue is itself a dead-letter queue (for the scheduler targets); dead letters raise an alarm instead.',
  );
  for (const node of stack.node.findAll()) {
    const path = node.node.path;
    if (path.endsWith('InboundRole/DefaultPolicy')) {
      acknowledge(
        node,
        `AwsSolutions-IAM5[Resource::<${logicalId(resources.rawMailBucket)}.Arn>/*]`,
        'SES names each raw message by its message id, unknown in advance; the reader reads them and deletes a family’s mail on request.',
      );
    }
    if (path.endsWith('DigestRole/DefaultPolicy') || path.endsWith('RemindersRole/DefaultPolicy')) {
      acknowledge(
        node,
        `AwsSolutions-IAM5[Resource::<${logicalId(resources.rawMailBucket)}.Arn>/*]`,
        'Read only (s3:GetObject): digests and reminders read a child’s stored mail, named by SES message ids unknown in advance, to find who is who at school.',
      );
    }
    if (/SchedulerRoleForTarget-[0-9a-f]+\/DefaultPolicy$/.test(path)) {
      for (const fn of resources.scheduledFunctions) {
        acknowledge(
          node,
          `AwsSolutions-IAM5[Resource::<${logicalId(fn)}.Arn>:*]`,
          'Made by the scheduler target construct: it may invoke the function and its versions, nothing else.',
        );
      }
    }
  }
}

// The two receipt-rule actions of the inbound path, each granting SES exactly what it needs and
// only for our rule: SES may write raw mail to the bucket (through the stack's key) and invoke the
// reader only when the request carries our account and our receipt rule's ARN (aws:SourceAccount,
// aws:SourceArn), so no other account's or rule's SES can use them (confused deputy).
import { Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as ses from 'aws-cdk-lib/aws-ses';
import type { IConstruct } from 'constructs';

type BoundRule = Parameters<ses.IReceiptRuleAction['bind']>[0];

/** `arn:…:ses:region:account:receipt-rule-set/<set>:receipt-rule/<rule>`, what SES sends as aws:SourceArn. */
export function receiptRuleArn(scope: IConstruct, ruleSetName: string, ruleName: string): string {
  const stack = Stack.of(scope);
  return `arn:${stack.partition}:ses:${stack.region}:${stack.account}:receipt-rule-set/${ruleSetName}:receipt-rule/${ruleName}`;
}

const sesPrincipal = new iam.ServicePrincipal('ses.amazonaws.com');
const fromOurRule = (ruleArn: string) => ({
  StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID, 'aws:SourceArn': ruleArn },
});

/** Stores the raw message under `prefix`; the bucket encrypts it with `key` (bucket default encryption). */
export class StoreRawMail implements ses.IReceiptRuleAction {
  constructor(
    private readonly props: { bucket: s3.Bucket; bucketName: string; key: kms.IKey; prefix: string; ruleArn: string },
  ) {}

  bind(rule: BoundRule): ses.ReceiptRuleActionConfig {
    const { bucket, key, prefix, ruleArn } = this.props;
    const bucketArn = `arn:${Stack.of(rule).partition}:s3:::${this.props.bucketName}`;
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'SesWritesRawMailForOurRule',
        principals: [sesPrincipal],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects(`${prefix}*`)],
        conditions: fromOurRule(ruleArn),
      }),
    );
    // S3 asks KMS for a data key on SES's behalf: allowed only through S3, for this bucket.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'SesEncryptsRawMailThroughS3',
        principals: [sesPrincipal],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'], // a key policy's resource is always the key itself
        conditions: {
          StringEquals: { 'kms:ViaService': `s3.${Stack.of(rule).region}.amazonaws.com` },
          // By name: the bucket's ARN token would make the key depend on the bucket that uses it.
          StringLike: { 'kms:EncryptionContext:aws:s3:arn': [bucketArn, `${bucketArn}/*`] },
        },
      }),
    );
    const policy = bucket.policy;
    if (policy) rule.node.addDependency(policy);
    return { s3Action: { bucketName: bucket.bucketName, objectKeyPrefix: prefix } };
  }
}

/** Invokes the reader asynchronously once the raw message is stored. */
export class InvokeReader implements ses.IReceiptRuleAction {
  constructor(private readonly props: { fn: lambda.IFunction; ruleArn: string }) {}

  bind(rule: BoundRule): ses.ReceiptRuleActionConfig {
    const { fn, ruleArn } = this.props;
    fn.addPermission('AllowSesFromOurRule', {
      action: 'lambda:InvokeFunction',
      principal: sesPrincipal,
      sourceAccount: Aws.ACCOUNT_ID,
      sourceArn: ruleArn,
    });
    const permission = fn.permissionsNode.tryFindChild('AllowSesFromOurRule');
    if (permission) rule.node.addDependency(permission);
    return { lambdaAction: { functionArn: fn.functionArn, invocationType: 'Event' } };
  }
}

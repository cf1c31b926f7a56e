import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export interface TrackerFunctionProps {
  /** File under functions/, without extension. */
  handler: string;
  description: string;
  timeout: Duration;
  memorySize?: number;
  /** Caps concurrency where a runaway would cost (mail loops, fan-out bugs). */
  reservedConcurrentExecutions?: number;
  environment?: Record<string, string>;
  encryptionKey: kms.IKey;
  /** Async invocations that fail after retries land here (SES and the scheduler invoke asynchronously). */
  withDeadLetterQueue?: boolean;
}

/**
 * Every function of the stack declared once: Node.js 22 on arm64, bundled by the local esbuild
 * (no Docker), ESM, JSON logs kept for a set time, X-Ray tracing, and a dead-letter queue.
 */
export class TrackerFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: TrackerFunctionProps) {
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: logs.RetentionDays.THREE_MONTHS,
      encryptionKey: props.encryptionKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const deadLetterQueue =
      props.withDeadLetterQueue === false
        ? undefined
        : new sqs.Queue(scope, `${id}Dlq`, {
            retentionPeriod: Duration.days(14),
            encryption: sqs.QueueEncryption.KMS,
            encryptionMasterKey: props.encryptionKey,
            enforceSSL: true,
          });
    // An own role instead of the AWS managed basic-execution policy: it may write only its own log group.
    const role = new iam.Role(scope, `${id}Role`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    super(scope, id, {
      role,
      entry: `functions/${props.handler}.ts`,
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      tracing: lambda.Tracing.ACTIVE,
      loggingFormat: lambda.LoggingFormat.JSON,
      logGroup,
      deadLetterQueueEnabled: deadLetterQueue !== undefined,
      deadLetterQueue,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...props.environment,
      },
      environmentEncryption: props.encryptionKey,
      bundling: {
        format: OutputFormat.ESM,
        minify: true,
        sourceMap: true,
        target: 'node22',
        mainFields: ['module', 'main'],
        // ESM bundles of CommonJS dependencies need a real `require`.
        banner:
          "import { createRequire as topLevelCreateRequire } from 'module'; const require = topLevelCreateRequire(import.meta.url);",
        forceDockerBundling: false,
      },
    });
  }

  /** Errors and throttles alarms, both sent to the operator. */
  alarms(): cloudwatch.Alarm[] {
    return [
      this.metricErrors({ period: Duration.minutes(5) }).createAlarm(this, 'Errors', {
        threshold: 1,
        evaluationPeriods: 1,
        alarmDescription: `${this.node.id} failed at least once in 5 minutes`,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      this.metricThrottles({ period: Duration.minutes(5) }).createAlarm(this, 'Throttles', {
        threshold: 1,
        evaluationPeriods: 1,
        alarmDescription: `${this.node.id} was throttled`,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    ];
  }
}

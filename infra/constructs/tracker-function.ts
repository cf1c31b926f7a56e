import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * How every function is bundled, as plain data so that `bench/bundle-functions.ts` can bundle the
 * functions exactly as the stack does (see docs/decisions/0080-function-bundles-under-2mb.md).
 */
export const FUNCTION_BUNDLING = {
  format: 'esm',
  target: 'node22',
  minify: true,
  /**
   * Characters outside ASCII written as themselves, not as \uXXXX escapes: the date and charset
   * tables (chrono's locales, iconv-lite) and the Spanish vocabulary are a quarter smaller so
   * (inbound: 2.06 MB escaped, 1.80 MB as UTF-8). Node reads its source as UTF-8.
   */
  charset: 'utf8',
  mainFields: ['module', 'main'],
  /** Provided by the Node.js 22 Lambda runtime (AWS SDK for JavaScript v3); not bundled. */
  runtimeModules: ['@aws-sdk/*'],
  /**
   * Installed beside the bundle in node_modules instead of bundled: PDF.js is imported lazily
   * (only for a PDF attachment), needs real ESM files and `import.meta.url`, and is 1.5 MB.
   */
  shippedModules: ['pdfjs-dist'],
  /** Parts of PDF.js a function never loads (the modern build, viewer, types), removed after install. */
  shippedModulesPrune: ['pdfjs-dist/build', 'pdfjs-dist/web', 'pdfjs-dist/image_decoders', 'pdfjs-dist/types'],
  /**
   * Bundle-time substitutions, relative to the project root: zod without its non-English locale
   * tables, he as the one function mailparser calls (without its entity tables), and one copy each of packages that are otherwise bundled twice (their CommonJS and
   * ESM builds both reached, by `require` from one dependency and `import` from another).
   */
  aliases: {
    zod: './infra/bundling/zod-english.ts',
    libmime: './node_modules/libmime/dist/cjs/libmime.js',
    'dom-serializer': './node_modules/dom-serializer/lib/esm/index.js',
    he: './infra/bundling/he-encode.ts',
  } as Record<string, string>,
  /** ESM bundles of CommonJS dependencies need a real `require`. */
  banner:
    "import { createRequire as topLevelCreateRequire } from 'module'; const require = topLevelCreateRequire(import.meta.url);",
  /**
   * The limit each function's bundle (the .mjs, without the shipped modules) must stay under: 2.1 MB
   * since the reader's rules and vocabularies grew inbound past 2 MB (2,008,664 bytes; see
   * docs/decisions/0080-function-bundles-under-2mb.md for what would make room).
   */
  maxBundleBytes: 2_100_000,
} as const;

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
        minify: FUNCTION_BUNDLING.minify,
        charset: Charset.UTF8,
        sourceMap: true,
        target: FUNCTION_BUNDLING.target,
        mainFields: [...FUNCTION_BUNDLING.mainFields],
        banner: FUNCTION_BUNDLING.banner,
        externalModules: [...FUNCTION_BUNDLING.runtimeModules],
        nodeModules: [...FUNCTION_BUNDLING.shippedModules],
        esbuildArgs: {
          '--alias': Object.entries(FUNCTION_BUNDLING.aliases).map(([from, to]) => `${from}=${to}`),
        },
        // PDF.js's optional native canvas is for rendering, which text extraction never does.
        environment: { NPM_CONFIG_OMIT: 'optional' },
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir: string, outputDir: string) => [
            `rm -rf ${FUNCTION_BUNDLING.shippedModulesPrune.map((dir) => `"${outputDir}/node_modules/${dir}"`).join(' ')}`,
          ],
        },
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

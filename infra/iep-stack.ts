import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SnsEventSource, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sesActions from 'aws-cdk-lib/aws-ses-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as snsSubscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { TABLE_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '../shared/adapters/dynamodb/table-definition';
import { RECORDS_BACKUP_DAYS } from '../shared/limits';
import { FeedsDistribution } from './constructs/feeds-distribution';
import { InvokeReader, receiptRuleArn, StoreRawMail } from './constructs/receipt-actions';
import { TrackerFunction } from './constructs/tracker-function';
import { acknowledgeReviewedFindings } from './nag-acknowledgements';
import type { StackConfig } from './stack-config';

/** The deployment's settings (infra/stack-config.ts documents each) and the usual stack props. */
export interface IepStackProps extends StackProps, StackConfig {}

/** SES's published review thresholds (Developer Guide, "Reputation metrics messages"): pause at 10% and 0.5%. */
export const SES_REVIEW_BOUNCE_RATE = 0.05;
export const SES_REVIEW_COMPLAINT_RATE = 0.001;

export class IepStack extends Stack {
  constructor(scope: Construct, id: string, props: IepStackProps) {
    super(scope, id, { terminationProtection: props.stage === 'prod', ...props });

    const reserved = (units: number) => (props.reservedConcurrency ? units : undefined);
    /** Named resources carry the stage, so several stacks live in one account. */
    const named = (name: string) => `iep-${props.stage}-${name}`;

    // One customer-managed key for everything holding children's records.
    const key = new kms.Key(this, 'RecordsKey', {
      description: 'Encrypts IEP records, queues, logs and alarms',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Each service grant on the key holds only for that service's use of our resources.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'LogsEncryptOurLogGroups',
        principals: [new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'], // a key policy's resource is always the key itself
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${this.partition}:logs:${this.region}:${this.account}:log-group:*`,
          },
        },
      }),
    );
    /**
     * A service that publishes to one of our encrypted topics may use the key through SNS, for that
     * topic. Topics (and the raw-mail bucket) are named, so the key policy can name them without
     * referring to resources that themselves refer to the key.
     */
    const topicArn = (name: string) => `arn:${this.partition}:sns:${this.region}:${this.account}:${name}`;
    const publishesTo = (service: string, topicName: string) =>
      key.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: `${service.split('.')[0]}PublishesTo${topicName}`,
          principals: [new iam.ServicePrincipal(service)],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'],
          conditions: {
            StringEquals: {
              'kms:ViaService': `sns.${this.region}.amazonaws.com`,
              'kms:EncryptionContext:aws:sns:topicArn': topicArn(topicName),
            },
          },
        }),
      );
    const alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      topicName: named('alarms'),
      masterKey: key,
      enforceSSL: true,
    });
    publishesTo('cloudwatch.amazonaws.com', named('alarms'));
    alarmTopic.addSubscription(new snsSubscriptions.EmailSubscription(props.alarmEmail));
    const alarmAction = new cloudwatchActions.SnsAction(alarmTopic);

    // Raw mail: exactly what arrived, kept before anything else happens.
    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const rawMailBucketName = `${named('raw-mail')}-${this.account}-${this.region}`;
    const rawMail = new s3.Bucket(this, 'RawMail', {
      // Bucket names are global: the account and region make ours unique.
      bucketName: rawMailBucketName,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // Bucket default encryption with the stack's key (SES's own KMS option is client-side
      // encryption, which S3 readers would have to undo); a bucket key keeps KMS requests few.
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'raw-mail/',
      lifecycleRules: [
        props.rawMailRetentionDays > 0
          ? { expiration: Duration.days(props.rawMailRetentionDays), noncurrentVersionExpiration: Duration.days(30) }
          : { noncurrentVersionExpiration: Duration.days(30) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const table = new dynamodb.TableV2(this, 'Records', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(key),
      // The "Deleted" email states this window: what was deleted can stay in backups this long.
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: RECORDS_BACKUP_DAYS },
      deletionProtection: true,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      globalSecondaryIndexes: TABLE_INDEXES.map((index) => ({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.KEYS_ONLY,
      })),
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const signingSecret = new secretsmanager.Secret(this, 'ReplySigningSecret', {
      description: 'Signs the reply references in answers, so a reply can act only on what it was sent about',
      encryptionKey: key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });

    // SES: the sending identity, events about what we send, and the receipt rule.
    const feedbackTopic = new sns.Topic(this, 'SendFeedback', {
      topicName: named('send-feedback'),
      masterKey: key,
      enforceSSL: true,
    });
    publishesTo('ses.amazonaws.com', named('send-feedback'));
    const configurationSet = new ses.ConfigurationSet(this, 'Sending', {
      configurationSetName: named('sending'),
      reputationMetrics: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    // The identity's default configuration set: every send gets bounce and complaint handling,
    // even one that names no set.
    const identity = new ses.EmailIdentity(this, 'Domain', {
      identity: ses.Identity.domain(props.domain),
      configurationSet,
      ...(props.mailFromSubdomain ? { mailFromDomain: `${props.mailFromSubdomain}.${props.domain}` } : {}),
    });
    configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: ses.EventDestination.snsTopic(feedbackTopic),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });

    const common = {
      TABLE_NAME: table.tableName,
      RAW_MAIL_BUCKET: rawMail.bucketName,
      INBOUND_DOMAIN: props.domain,
      FROM_ADDRESS: props.fromAddress,
      SES_CONFIGURATION_SET: configurationSet.configurationSetName,
      SIGNING_SECRET_ARN: signingSecret.secretArn,
      RECORDS_BACKUP_DAYS: String(RECORDS_BACKUP_DAYS),
      POWERTOOLS_SERVICE_NAME: 'iep-tracker',
    };

    const inbound = new TrackerFunction(this, 'Inbound', {
      handler: 'inbound',
      description: 'Reads a message SES stored in S3 into records and answers the guardian',
      timeout: Duration.seconds(60),
      memorySize: 1024,
      reservedConcurrentExecutions: reserved(20),
      environment: common,
      encryptionKey: key,
    });
    /** A work queue on the stack's key, with its own dead-letter queue after five receives. */
    const workQueue = (id: string, visibilityTimeout: Duration) => {
      const dlq = new sqs.Queue(this, `${id}Dlq`, {
        encryption: sqs.QueueEncryption.KMS,
        encryptionMasterKey: key,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      const queue = new sqs.Queue(this, id, {
        encryption: sqs.QueueEncryption.KMS,
        encryptionMasterKey: key,
        enforceSSL: true,
        visibilityTimeout,
        deadLetterQueue: { queue: dlq, maxReceiveCount: 5 },
      });
      return [queue, dlq] as const;
    };
    const [digestQueue, digestQueueDlq] = workQueue('DigestQueue', Duration.seconds(6 * 60));
    const dispatch = new TrackerFunction(this, 'Dispatch', {
      handler: 'dispatch',
      description: 'Finds the children whose digest is due this hour, without a scan, and queues them',
      timeout: Duration.minutes(5),
      reservedConcurrentExecutions: reserved(2),
      environment: { ...common, DIGEST_QUEUE_URL: digestQueue.queueUrl },
      encryptionKey: key,
    });
    const digest = new TrackerFunction(this, 'Digest', {
      handler: 'digest',
      description: 'Computes and sends the weekly digest for each queued child',
      timeout: Duration.minutes(1),
      memorySize: 1024,
      reservedConcurrentExecutions: reserved(10),
      environment: common,
      encryptionKey: key,
      // Failures go back to the queue and then to its dead-letter queue.
      withDeadLetterQueue: false,
    });
    // At most DIGEST_CONCURRENCY digests run at once, below the function's reserved concurrency
    // when that is on: SQS then holds messages back instead of Lambda throttling them, and a
    // throttled receive (which counts toward maxReceiveCount) never sends a child to the DLQ.
    digest.addEventSource(
      new SqsEventSource(digestQueue, {
        batchSize: DIGEST_BATCH_SIZE,
        maxConcurrency: DIGEST_CONCURRENCY,
        reportBatchItemFailures: true,
      }),
    );
    // Six times the function's timeout; a child whose claim is held by a run that died comes back after it.
    const [reminderQueue, reminderQueueDlq] = workQueue('ReminderQueue', Duration.minutes(30));
    const reminders = new TrackerFunction(this, 'Reminders', {
      handler: 'reminders',
      description: 'Queues the families whose local time is 07:00 (hourly), then sends each one its deadline reminders',
      timeout: Duration.minutes(5),
      reservedConcurrentExecutions: reserved(REMINDER_CONCURRENCY + 1),
      environment: { ...common, REMINDER_QUEUE_URL: reminderQueue.queueUrl },
      encryptionKey: key,
    });
    reminders.addEventSource(
      new SqsEventSource(reminderQueue, {
        batchSize: REMINDER_BATCH_SIZE,
        maxConcurrency: REMINDER_CONCURRENCY,
        reportBatchItemFailures: true,
      }),
    );
    // Confirmed deletions: the inbound reader queues the child's id and language; this worker
    // deletes and tells the guardians. One child per invocation, so a failure retries only that child; after five
    // receives the request waits in the dead-letter queue, whose alarm tells the operator.
    const [deletionQueue, deletionQueueDlq] = workQueue('DeletionQueue', Duration.minutes(30));
    inbound.addEnvironment('DELETION_QUEUE_URL', deletionQueue.queueUrl);
    const deletion = new TrackerFunction(this, 'Deletion', {
      handler: 'deletion',
      description: 'Deletes everything kept for a child (every raw-mail version included), then tells the guardians',
      timeout: Duration.minutes(5),
      reservedConcurrentExecutions: reserved(2),
      environment: common,
      encryptionKey: key,
      withDeadLetterQueue: false, // failures go back to the queue, then to its dead-letter queue
    });
    deletion.addEventSource(
      new SqsEventSource(deletionQueue, { batchSize: 1, maxConcurrency: 2, reportBatchItemFailures: true }),
    );
    const calendar = new TrackerFunction(this, 'Calendar', {
      handler: 'calendar',
      description: "Serves a child's private calendar feed (.ics) by its unguessable token",
      timeout: Duration.seconds(10),
      memorySize: 256,
      reservedConcurrentExecutions: reserved(10),
      environment: common,
      encryptionKey: key,
      withDeadLetterQueue: false, // invoked synchronously through its URL: nothing to dead-letter
    });
    const unsubscribe = new TrackerFunction(this, 'Unsubscribe', {
      handler: 'unsubscribe',
      description:
        'One-click unsubscribe (RFC 8058): pauses the digests and reminders of the child a signed link is for',
      timeout: Duration.seconds(10),
      memorySize: 256,
      reservedConcurrentExecutions: reserved(2),
      environment: common,
      encryptionKey: key,
      withDeadLetterQueue: false, // invoked synchronously through its URL: nothing to dead-letter
    });
    // Stable addresses for both: replacing a function never breaks a subscription or a sent link.
    const feeds = new FeedsDistribution(this, 'Feeds', { calendar, unsubscribe, stage: props.stage });
    const feedback = new TrackerFunction(this, 'Feedback', {
      handler: 'feedback',
      description: 'Stops sending to addresses that bounced or complained, and tells the operator',
      timeout: Duration.seconds(30),
      reservedConcurrentExecutions: reserved(2),
      environment: { ...common, ALARM_TOPIC_ARN: alarmTopic.topicArn },
      encryptionKey: key,
    });
    feedback.addEventSource(new SnsEventSource(feedbackTopic));
    feedback.addToRolePolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [alarmTopic.topicArn] }));
    // Digests and reminders link the feed and carry the unsubscribe link; the inbound reader answers `new calendar link`.
    for (const fn of [digest, reminders, inbound]) {
      fn.addEnvironment('CALENDAR_BASE_URL', feeds.baseUrl);
      fn.addEnvironment('UNSUBSCRIBE_BASE_URL', feeds.baseUrl);
    }

    // Least privilege: each function gets the table actions it uses, on this table and its indexes only.
    const tableAccess = (fn: lambda.Function, actions: string[]) =>
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions,
          resources: [table.tableArn, ...TABLE_INDEXES.map((index) => `${table.tableArn}/index/${index.name}`)],
        }),
      );
    const read = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'];
    const write = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 'dynamodb:DeleteItem'];
    tableAccess(inbound, [...read, ...write]);
    tableAccess(deletion, [...read, ...write]);
    tableAccess(dispatch, ['dynamodb:Query']);
    tableAccess(digest, [...read, 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    tableAccess(reminders, [...read, 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    tableAccess(calendar, read);
    tableAccess(unsubscribe, ['dynamodb:GetItem', 'dynamodb:PutItem']);
    tableAccess(feedback, [...read, 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    const useKey = new iam.PolicyStatement({
      actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
      resources: [key.keyArn],
    });
    for (const fn of [inbound, dispatch, digest, reminders, calendar, feedback, unsubscribe, deletion])
      fn.addToRolePolicy(useKey);
    const readSecret = new iam.PolicyStatement({
      actions: ['secretsmanager:GetSecretValue'],
      resources: [signingSecret.secretArn],
    });
    for (const fn of [inbound, digest, reminders, unsubscribe, deletion]) fn.addToRolePolicy(readSecret);
    // Raw mail: the inbound reader reads what SES stored and moves mail for no child to `unrouted/`;
    // the deletion worker deletes a family's mail. The bucket is versioned, so both delete every
    // version by its id (nothing else may delete, and no one may delete without a version id).
    const deleteVersions = [
      new iam.PolicyStatement({ actions: ['s3:DeleteObjectVersion'], resources: [rawMail.arnForObjects('*')] }),
      new iam.PolicyStatement({ actions: ['s3:ListBucketVersions'], resources: [rawMail.bucketArn] }),
    ];
    inbound.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: [rawMail.arnForObjects('*')] }),
    );
    for (const fn of [inbound, deletion]) for (const statement of deleteVersions) fn.addToRolePolicy(statement);
    dispatch.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [digestQueue.queueArn] }),
    );
    reminders.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [reminderQueue.queueArn] }),
    );
    inbound.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [deletionQueue.queueArn] }),
    );
    const sendMail = new iam.PolicyStatement({
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: [
        `arn:${this.partition}:ses:${this.region}:${this.account}:identity/${props.domain}`,
        `arn:${this.partition}:ses:${this.region}:${this.account}:configuration-set/${configurationSet.configurationSetName}`,
      ],
    });
    for (const fn of [inbound, digest, reminders, deletion]) fn.addToRolePolicy(sendMail);

    // Inbound: store raw in S3, then invoke the reader asynchronously, then stop. Only one rule set
    // is active per account and region: with `activeRuleSet` our rule joins the account's active
    // set; otherwise the stack has its own, activated by hand only when none is active (README).
    const ruleSetName = props.activeRuleSet ?? named('inbound');
    const ruleSet = props.activeRuleSet
      ? ses.ReceiptRuleSet.fromReceiptRuleSetName(this, 'InboundRules', props.activeRuleSet)
      : new ses.ReceiptRuleSet(this, 'InboundRules', { receiptRuleSetName: ruleSetName });
    const ruleName = named('child-addresses');
    const ruleArn = receiptRuleArn(this, ruleSetName, ruleName);
    new ses.ReceiptRule(this, 'ChildAddresses', {
      ruleSet,
      receiptRuleName: ruleName,
      recipients: [props.domain],
      scanEnabled: true,
      tlsPolicy: ses.TlsPolicy.REQUIRE,
      actions: [
        new StoreRawMail({ bucket: rawMail, bucketName: rawMailBucketName, key, prefix: 'inbound/', ruleArn }),
        new InvokeReader({ fn: inbound, ruleArn }),
        new sesActions.Stop({ topic: feedbackTopic }),
      ],
    });

    // Scheduling: hourly dispatch of digests, hourly reminders (each child at its own 07:00).
    const scheduleDlq = new sqs.Queue(this, 'ScheduleDlq', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    // One role for both schedules, assumable only by this account's scheduler; it may invoke the
    // two functions and put dead letters on the encrypted queue (which needs the key, through SQS).
    const schedulerRole = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    });
    schedulerRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [key.keyArn],
        conditions: {
          StringEquals: {
            'kms:ViaService': `sqs.${this.region}.amazonaws.com`,
            'kms:EncryptionContext:aws:sqs:arn': scheduleDlq.queueArn,
          },
        },
      }),
    );
    for (const [name, fn] of [
      ['DispatchHourly', dispatch],
      ['RemindersHourly', reminders],
    ] as const) {
      new scheduler.Schedule(this, name, {
        schedule: scheduler.ScheduleExpression.cron({ minute: '0' }),
        target: new schedulerTargets.LambdaInvoke(fn, {
          role: schedulerRole,
          deadLetterQueue: scheduleDlq,
          retryAttempts: 3,
          maxEventAge: Duration.hours(1),
          // The schedule's own time, the same on every retry: a retried run is for the hour it was due.
          input: scheduler.ScheduleTargetInput.fromObject({ scheduledTime: scheduler.ContextAttribute.scheduledTime }),
        }),
        description: `Runs ${fn.node.id} at the top of every hour`,
      });
    }

    // Alarms: dead letters, errors, throttles, and the bounce rate SES suspends senders for.
    const queues = [
      digestQueueDlq,
      reminderQueueDlq,
      deletionQueueDlq,
      scheduleDlq,
      ...[inbound, dispatch, reminders, feedback].flatMap((fn) => (fn.deadLetterQueue ? [fn.deadLetterQueue] : [])),
    ];
    queues.forEach((queue, i) => {
      queue
        .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) })
        .createAlarm(this, `DeadLetters${i}`, {
          threshold: 1,
          evaluationPeriods: 1,
          alarmDescription: 'Something could not be processed and waits in a dead-letter queue',
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        })
        .addAlarmAction(alarmAction);
    });
    for (const fn of [inbound, dispatch, digest, reminders, calendar, feedback, unsubscribe, deletion]) {
      for (const alarm of fn.alarms()) alarm.addAlarmAction(alarmAction);
    }
    for (const [id, metricName, threshold, description] of [
      [
        'BounceRate',
        'Reputation.BounceRate',
        SES_REVIEW_BOUNCE_RATE,
        'Bounce rate at 5%: SES places the account under review (pauses sending at 10%)',
      ],
      [
        'ComplaintRate',
        'Reputation.ComplaintRate',
        SES_REVIEW_COMPLAINT_RATE,
        'Complaint rate at 0.1%: SES places the account under review (pauses sending at 0.5%)',
      ],
    ] as const) {
      new cloudwatch.Metric({ namespace: 'AWS/SES', metricName, period: Duration.hours(1), statistic: 'Maximum' })
        .createAlarm(this, id, {
          threshold,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          alarmDescription: description,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        })
        .addAlarmAction(alarmAction);
    }

    new CfnOutput(this, 'MxRecord', {
      value: `${props.domain} MX 10 inbound-smtp.${this.region}.amazonaws.com`,
      description: 'Add this MX record so SES receives mail for the inbound domain',
    });
    identity.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `DkimRecord${i + 1}`, { value: `${record.name} CNAME ${record.value}` });
    });
    if (props.mailFromSubdomain) {
      const mailFrom = `${props.mailFromSubdomain}.${props.domain}`;
      new CfnOutput(this, 'MailFromRecords', {
        value: `${mailFrom} MX 10 feedback-smtp.${this.region}.amazonses.com; ${mailFrom} TXT "v=spf1 include:amazonses.com ~all"`,
        description: 'Add these so the custom MAIL FROM domain verifies (SPF aligned with the domain)',
      });
    }
    if (!props.activeRuleSet) {
      new CfnOutput(this, 'ActivateReceiptRules', {
        value: activateIfNoneActive(ruleSetName, this.region),
        description:
          'Activates our rule set only if the account has none active (otherwise deploy with -c activeRuleSet=NAME)',
      });
      new CfnOutput(this, 'DeactivateBeforeDestroy', {
        value: `aws ses set-active-receipt-rule-set --region ${this.region}`,
        description: 'An active rule set cannot be deleted: run this (no name: deactivates) before cdk destroy',
      });
    }
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'RawMailBucket', { value: rawMail.bucketName });
    new CfnOutput(this, 'SigningSecretArn', { value: signingSecret.secretArn });
    new CfnOutput(this, 'CalendarBaseUrl', {
      value: feeds.baseUrl,
      description: 'Calendar feeds and one-click unsubscribe (CloudFront): stays the same when functions are replaced',
    });

    acknowledgeReviewedFindings(this, {
      rawMailBucket: rawMail,
      functions: [inbound, dispatch, digest, reminders, calendar, feedback, unsubscribe, deletion],
      distribution: feeds.distribution,
      scheduledFunctions: [dispatch, reminders],
      schedulerRole,
      signingSecret,
      deadLetterQueues: queues,
    });
  }
}

/** Children's reminders per SQS batch, and reminder batches run at once (kept under its reserved concurrency). */
export const REMINDER_BATCH_SIZE = 10;
export const REMINDER_CONCURRENCY = 2;
/** Digests per SQS batch: small, so one slow child cannot time the whole batch out. */
export const DIGEST_BATCH_SIZE = 5;
/** Digest functions SQS runs at once (2-1000); under the digest's reserved concurrency (10). */
export const DIGEST_CONCURRENCY = 5;

/**
 * A shell line that activates `ruleSetName` only when no rule set is active in the region, and
 * otherwise names the active one and changes nothing.
 */
export function activateIfNoneActive(ruleSetName: string, region: string): string {
  return [
    `active=$(aws ses describe-active-receipt-rule-set --region ${region} --query Metadata.Name --output text);`,
    `if [ "$active" = "None" ] || [ -z "$active" ]; then aws ses set-active-receipt-rule-set --rule-set-name ${ruleSetName} --region ${region};`,
    `else echo "Rule set $active is active: redeploy with -c activeRuleSet=$active to add our rule to it"; fi`,
  ].join(' ');
}

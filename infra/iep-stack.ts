import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
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
import { TrackerFunction } from './constructs/tracker-function';
import { acknowledgeReviewedFindings } from './nag-acknowledgements';

export interface IepStackProps extends StackProps {
  /** The inbound mail domain (its MX points at SES). */
  domain: string;
  /** The address digests and answers come from, on a verified domain. */
  fromAddress: string;
  /** Who is told when something fails. */
  alarmEmail: string;
  /** Days to keep raw mail; 0 keeps it until the family asks for deletion. */
  rawMailRetentionDays: number;
}

export class IepStack extends Stack {
  constructor(scope: Construct, id: string, props: IepStackProps) {
    super(scope, id, props);

    // One customer-managed key for everything holding children's records.
    const key = new kms.Key(this, 'RecordsKey', {
      description: 'Encrypts IEP records, queues, logs and alarms',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    key.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`));
    // SNS topics fed by CloudWatch alarms and SES events must be able to use the key.
    for (const service of ['cloudwatch.amazonaws.com', 'ses.amazonaws.com']) {
      key.addToResourcePolicy(
        new iam.PolicyStatement({
          principals: [new iam.ServicePrincipal(service)],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'], // a key policy's resource is always the key itself
        }),
      );
    }

    const alarmTopic = new sns.Topic(this, 'AlarmTopic', { masterKey: key, enforceSSL: true });
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
    const rawMail = new s3.Bucket(this, 'RawMail', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // SES's own KMS option is client-side encryption; bucket default encryption is what SES can write.
      encryption: s3.BucketEncryption.S3_MANAGED,
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
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
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
    const identity = new ses.EmailIdentity(this, 'Domain', { identity: ses.Identity.domain(props.domain) });
    const feedbackTopic = new sns.Topic(this, 'SendFeedback', { masterKey: key, enforceSSL: true });
    const configurationSet = new ses.ConfigurationSet(this, 'Sending', {
      reputationMetrics: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
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
      POWERTOOLS_SERVICE_NAME: 'iep-tracker',
    };

    const inbound = new TrackerFunction(this, 'Inbound', {
      handler: 'inbound',
      description: 'Reads a message SES stored in S3 into records and answers the guardian',
      timeout: Duration.seconds(60),
      memorySize: 1024,
      reservedConcurrentExecutions: 20,
      environment: common,
      encryptionKey: key,
    });
    const digestQueueDlq = new sqs.Queue(this, 'DigestQueueDlq', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const digestQueue = new sqs.Queue(this, 'DigestQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(6 * 60),
      deadLetterQueue: { queue: digestQueueDlq, maxReceiveCount: 5 },
    });
    const dispatch = new TrackerFunction(this, 'Dispatch', {
      handler: 'dispatch',
      description: 'Finds the children whose digest is due this hour, without a scan, and queues them',
      timeout: Duration.minutes(5),
      reservedConcurrentExecutions: 2,
      environment: { ...common, DIGEST_QUEUE_URL: digestQueue.queueUrl },
      encryptionKey: key,
    });
    const digest = new TrackerFunction(this, 'Digest', {
      handler: 'digest',
      description: 'Computes and sends the weekly digest for each queued child',
      timeout: Duration.minutes(1),
      memorySize: 1024,
      reservedConcurrentExecutions: 10,
      environment: common,
      encryptionKey: key,
      // Failures go back to the queue and then to its dead-letter queue.
      withDeadLetterQueue: false,
    });
    digest.addEventSource(new SqsEventSource(digestQueue, { batchSize: 10, reportBatchItemFailures: true }));
    const reminders = new TrackerFunction(this, 'Reminders', {
      handler: 'reminders',
      description: 'Sends deadline reminders to families whose local time is 07:00',
      timeout: Duration.minutes(5),
      reservedConcurrentExecutions: 2,
      environment: common,
      encryptionKey: key,
    });
    const calendar = new TrackerFunction(this, 'Calendar', {
      handler: 'calendar',
      description: "Serves a child's private calendar feed (.ics) by its unguessable token",
      timeout: Duration.seconds(10),
      memorySize: 256,
      reservedConcurrentExecutions: 10,
      environment: common,
      encryptionKey: key,
      withDeadLetterQueue: false, // invoked synchronously through its URL: nothing to dead-letter
    });
    // No IAM auth: calendar apps cannot sign requests. The token in the path is the credential (>= 80 bits).
    const calendarUrl = calendar.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    const feedback = new TrackerFunction(this, 'Feedback', {
      handler: 'feedback',
      description: 'Stops sending to addresses that bounced or complained, and tells the operator',
      timeout: Duration.seconds(30),
      reservedConcurrentExecutions: 2,
      environment: { ...common, ALARM_TOPIC_ARN: alarmTopic.topicArn },
      encryptionKey: key,
    });
    feedback.addEventSource(new SnsEventSource(feedbackTopic));
    feedback.addToRolePolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [alarmTopic.topicArn] }));
    // Digests and reminders link the feed; the inbound reader answers `new calendar link`.
    for (const fn of [digest, reminders, inbound]) fn.addEnvironment('CALENDAR_BASE_URL', calendarUrl.url);

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
    tableAccess(dispatch, ['dynamodb:Query']);
    tableAccess(digest, [...read, 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    tableAccess(reminders, [...read, 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    tableAccess(calendar, read);
    tableAccess(feedback, [...read, 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    const useKey = new iam.PolicyStatement({
      actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
      resources: [key.keyArn],
    });
    for (const fn of [inbound, dispatch, digest, reminders, calendar, feedback]) fn.addToRolePolicy(useKey);
    const readSecret = new iam.PolicyStatement({
      actions: ['secretsmanager:GetSecretValue'],
      resources: [signingSecret.secretArn],
    });
    for (const fn of [inbound, digest, reminders]) fn.addToRolePolicy(readSecret);
    // Raw mail: the inbound reader reads what SES stored, and deletes a family's mail on request.
    inbound.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [rawMail.arnForObjects('*')],
      }),
    );
    inbound.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [rawMail.bucketArn] }));
    // Digests and reminders read the child's stored mail (read only) to find who is who at school.
    for (const fn of [digest, reminders]) {
      fn.addToRolePolicy(
        new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [rawMail.arnForObjects('*')] }),
      );
    }
    dispatch.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [digestQueue.queueArn] }),
    );
    const sendMail = new iam.PolicyStatement({
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: [
        `arn:${this.partition}:ses:${this.region}:${this.account}:identity/${props.domain}`,
        `arn:${this.partition}:ses:${this.region}:${this.account}:configuration-set/${configurationSet.configurationSetName}`,
      ],
    });
    for (const fn of [inbound, digest, reminders]) fn.addToRolePolicy(sendMail);

    // Inbound: store raw in S3, then invoke the reader asynchronously, then stop.
    const ruleSet = new ses.ReceiptRuleSet(this, 'InboundRules');
    ruleSet.addRule('ChildAddresses', {
      recipients: [props.domain],
      scanEnabled: true,
      tlsPolicy: ses.TlsPolicy.REQUIRE,
      actions: [
        new sesActions.S3({ bucket: rawMail, objectKeyPrefix: 'inbound/' }),
        new sesActions.Lambda({ function: inbound, invocationType: sesActions.LambdaInvocationType.EVENT }),
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
    for (const [name, fn] of [
      ['DispatchHourly', dispatch],
      ['RemindersHourly', reminders],
    ] as const) {
      new scheduler.Schedule(this, name, {
        schedule: scheduler.ScheduleExpression.cron({ minute: '0' }),
        target: new schedulerTargets.LambdaInvoke(fn, {
          deadLetterQueue: scheduleDlq,
          retryAttempts: 3,
          maxEventAge: Duration.hours(1),
        }),
        description: `Runs ${fn.node.id} at the top of every hour`,
      });
    }

    // Alarms: dead letters, errors, throttles, and the bounce rate SES suspends senders for.
    const queues = [
      digestQueueDlq,
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
    for (const fn of [inbound, dispatch, digest, reminders, calendar, feedback]) {
      for (const alarm of fn.alarms()) alarm.addAlarmAction(alarmAction);
    }
    new cloudwatch.Metric({ namespace: 'AWS/SES', metricName: 'Reputation.BounceRate', period: Duration.hours(1) })
      .createAlarm(this, 'BounceRate', {
        threshold: 0.04,
        evaluationPeriods: 1,
        alarmDescription: 'Bounce rate above 4%: SES reviews accounts at 5%',
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      })
      .addAlarmAction(alarmAction);

    new CfnOutput(this, 'MxRecord', {
      value: `${props.domain} MX 10 inbound-smtp.${this.region}.amazonaws.com`,
      description: 'Add this MX record so SES receives mail for the inbound domain',
    });
    identity.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `DkimRecord${i + 1}`, { value: `${record.name} CNAME ${record.value}` });
    });
    new CfnOutput(this, 'ActivateReceiptRules', {
      value: `aws ses set-active-receipt-rule-set --rule-set-name ${ruleSet.receiptRuleSetName} --region ${this.region}`,
      description: 'CDK does not activate a receipt rule set: run this once after the first deploy',
    });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'RawMailBucket', { value: rawMail.bucketName });
    new CfnOutput(this, 'SigningSecretArn', { value: signingSecret.secretArn });
    new CfnOutput(this, 'CalendarBaseUrl', { value: calendarUrl.url });

    acknowledgeReviewedFindings(this, { rawMailBucket: rawMail, scheduledFunctions: [dispatch, reminders] });
  }
}

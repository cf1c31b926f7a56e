// Dollars per child per month, worked from the measured figures and the list prices in
// bench/aws-prices.json (region and date stated there). Everything the stack pays once a month
// whatever the number of children (key, secret, alarms, the hourly dispatch) is spread over them.
import prices from './aws-prices.json' with { type: 'json' };

export interface MeasuredForCosts {
  /** Inbound function time per message (ms): the ingest's mean latency end to end. */
  ingestMsPerMessage: number;
  writeUnitsPerMessage: number;
  readUnitsPerMessage: number;
  answersPerMessage: number;
  meanMessageBytes: number;
  /** One child's digest: load and compute (ms) and read units. */
  digestMs: number;
  digestReadUnits: number;
  /** Bytes per stored record (from the read units of the year's query). */
  recordBytes: number;
  /** Dispatch: time and read units per child found due. */
  dispatchMsPerChild: number;
  dispatchReadUnitsPerChild: number;
}

export interface CostLine {
  item: string;
  dollars: number;
}

export interface CostEstimate {
  children: number;
  perChildPerMonth: number;
  totalPerMonth: number;
  lines: CostLine[];
}

const GB = 1024 ** 3;

export function monthlyCost(children: number, m: MeasuredForCosts): CostEstimate {
  const a = prices.assumptions;
  const s = prices.stack;
  const messages = children * a.messagesPerChildPerMonth;
  const digests = children * a.digestsPerChildPerMonth;
  const invocations = messages + digests + s.dispatchInvocationsPerMonth;
  const gbSeconds =
    (messages * m.ingestMsPerMessage * s.memoryMb.inbound) / 1024 / 1000 +
    (digests * m.digestMs * s.memoryMb.digest) / 1024 / 1000 +
    (digests * m.dispatchMsPerChild * s.memoryMb.dispatch) / 1024 / 1000;
  const writeUnits = messages * m.writeUnitsPerMessage + digests * 2;
  const readUnits = messages * m.readUnitsPerMessage + digests * (m.digestReadUnits + m.dispatchReadUnitsPerChild);
  const storedRecords = children * a.recordsPerChildPerYear;
  const mailKept = children * a.messagesPerChildPerMonth * a.monthsOfMailKept * m.meanMessageBytes;
  const outbound = messages * m.answersPerMessage + digests + children * a.remindersPerChildPerMonth;
  const chunks = messages * Math.max(1, Math.ceil(m.meanMessageBytes / prices.ses.inboundChunkBytes));
  const lines: CostLine[] = [
    { item: 'Lambda GB-seconds', dollars: gbSeconds * prices.lambda.perGbSecondArm },
    { item: 'Lambda requests', dollars: (invocations / 1e6) * prices.lambda.perMillionRequests },
    { item: 'DynamoDB writes', dollars: (writeUnits / 1e6) * prices.dynamodb.perMillionWriteUnits },
    { item: 'DynamoDB reads', dollars: (readUnits / 1e6) * prices.dynamodb.perMillionReadUnits },
    { item: 'DynamoDB storage', dollars: ((storedRecords * m.recordBytes) / GB) * prices.dynamodb.perGbMonth },
    { item: 'S3 storage (raw mail)', dollars: (mailKept / GB) * prices.s3.perGbMonth },
    {
      item: 'S3 requests',
      dollars: ((messages * 2) / 1000) * prices.s3.perThousandPut + (messages / 1000) * prices.s3.perThousandGet,
    },
    {
      item: 'SES inbound',
      dollars:
        (messages / 1000) * prices.ses.perThousandInbound + (chunks / 1000) * prices.ses.perThousandInboundChunks,
    },
    { item: 'SES outbound', dollars: (outbound / 1000) * prices.ses.perThousandOutbound },
    {
      item: 'CloudWatch logs',
      dollars: ((invocations * a.logBytesPerInvocation) / GB) * prices.cloudwatch.perGbLogsIngested,
    },
    {
      item: 'Fixed: KMS key, secret, alarms',
      dollars:
        s.kmsKeys * prices.kms.perKeyMonth +
        s.secrets * prices.secretsManager.perSecretMonth +
        s.alarms * prices.cloudwatch.perAlarmMonth,
    },
  ];
  const totalPerMonth = lines.reduce((sum, line) => sum + line.dollars, 0);
  return { children, perChildPerMonth: totalPerMonth / children, totalPerMonth, lines };
}

export const PRICES = prices;

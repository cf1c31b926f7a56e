// The SQS and SNS clients of the handlers that queue digests or tell the operator, built once per
// cold start (local endpoints in tests).
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { handlerEnvironment } from './environment';

let sqs: SQSClient | undefined;
let sns: SNSClient | undefined;

export function sqsClient(): SQSClient {
  const env = handlerEnvironment();
  sqs ??= new SQSClient({ region: env.AWS_REGION, ...(env.SQS_ENDPOINT ? { endpoint: env.SQS_ENDPOINT } : {}) });
  return sqs;
}

export function snsClient(): SNSClient {
  const env = handlerEnvironment();
  sns ??= new SNSClient({ region: env.AWS_REGION, ...(env.SNS_ENDPOINT ? { endpoint: env.SNS_ENDPOINT } : {}) });
  return sns;
}

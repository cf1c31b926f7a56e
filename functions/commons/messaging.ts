// The SQS and SNS clients of the handlers that queue digests or tell the operator, built once per
// cold start (AWS_ENDPOINT_URL_SQS and _SNS point them at the local stand-ins in tests).
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { handlerEnvironment } from './environment';

let sqs: SQSClient | undefined;
let sns: SNSClient | undefined;

export function sqsClient(): SQSClient {
  const env = handlerEnvironment();
  sqs ??= new SQSClient({ region: env.AWS_REGION });
  return sqs;
}

export function snsClient(): SNSClient {
  const env = handlerEnvironment();
  sns ??= new SNSClient({ region: env.AWS_REGION });
  return sns;
}

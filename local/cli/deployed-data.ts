// `IEP_TARGET=aws`: the same commands against a deployed stack. The services are built exactly as
// the Lambdas build them (functions/commons/services.ts), from the stack's outputs in the
// environment: TABLE_NAME, RAW_MAIL_BUCKET, INBOUND_DOMAIN, FROM_ADDRESS, SIGNING_SECRET_ARN.
import type { LocalConfig } from '../config';
import { dataPaths } from '../data-folder';
import type { LocalData } from '../open-local-data';
import { outboxFolder } from '../outbox';

export async function openDeployedData(config: LocalConfig): Promise<LocalData> {
  const { awsContext } = await import('../../functions/commons/services');
  const { services, env } = await awsContext();
  return {
    config: { ...config, inboundDomain: env.INBOUND_DOMAIN, fromAddress: env.FROM_ADDRESS, tableName: env.TABLE_NAME },
    services,
    // SES keeps no outbox: mail sent from the CLI in AWS is in SES's own sending logs.
    outbox: outboxFolder(dataPaths(config.dataDir).outbox),
    viaRunningStack: false,
    async close() {},
  };
}

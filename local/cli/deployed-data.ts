// `IEP_TARGET=aws`: the same commands against a deployed stack. The services are built from the
// adapters the Lambdas use (functions/commons/use-case-deps.ts), from the stack's outputs in the
// environment: TABLE_NAME, RAW_MAIL_BUCKET, INBOUND_DOMAIN, FROM_ADDRESS, SIGNING_SECRET_ARN.

import { composeUseCases, type UseCases } from '../../shared/composition/use-cases';
import type { LocalConfig } from '../config';
import { dataPaths } from '../data-folder';
import type { LocalData } from '../open-local-data';
import { outboxFolder } from '../outbox';

/** Every use case on the deployed stack's table, bucket, mail and secret. */
export async function deployedServices(): Promise<UseCases> {
  const [{ lambdaServicesDeps }, { s3RawMail }, { sesMailSender }, { sqsDeletionQueue }] = await Promise.all([
    import('../../functions/commons/use-case-deps'),
    import('../../functions/commons/raw-mail'),
    import('../../functions/commons/mail-sender'),
    import('../../functions/commons/messaging'),
  ]);
  return composeUseCases(
    await lambdaServicesDeps({ rawMail: s3RawMail, sender: sesMailSender, deletionQueue: sqsDeletionQueue }),
  );
}

export async function openDeployedData(config: LocalConfig): Promise<LocalData> {
  const { handlerEnvironment } = await import('../../functions/commons/environment');
  const services = await deployedServices();
  const env = handlerEnvironment();
  return {
    config: { ...config, inboundDomain: env.INBOUND_DOMAIN, fromAddress: env.FROM_ADDRESS, tableName: env.TABLE_NAME },
    services,
    // SES keeps no outbox: mail sent from the CLI in AWS is in SES's own sending logs.
    outbox: outboxFolder(dataPaths(config.dataDir).outbox),
    viaRunningStack: false,
    async close() {},
  };
}

// Mail out through SES, for the functions that send it (inbound, digest, reminders, deletion).
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SesMailSender } from '../../shared/adapters/ses-mail-sender';
import type { MailSender } from '../../shared/ports/mail-sender';
import type { HandlerEnvironment } from './environment';

export const sesMailSender = (env: HandlerEnvironment): MailSender =>
  new SesMailSender(new SESv2Client({ region: env.AWS_REGION }), { configurationSetName: env.SES_CONFIGURATION_SET });

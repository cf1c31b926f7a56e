// Sends mail with SES v2 (and the SES-compatible local outbox): Simple content with text, HTML,
// attachments and custom headers, which both SES and aws-ses-v2-local accept.
import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { headersOf, type MailSender, type OutgoingMail } from '../ports/mail-sender';
import { headerSafe } from '../render/escape';

export interface SesMailSenderOptions {
  /** SES configuration set (event publishing, suppression); omitted when not given. */
  configurationSetName?: string;
}

const HEADER_NAME = /^[A-Za-z][A-Za-z0-9-]{0,62}$/;

export class SesMailSender implements MailSender {
  constructor(
    private readonly client: SESv2Client,
    private readonly options: SesMailSenderOptions = {},
  ) {}

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const headers = Object.entries(headersOf(mail))
      .filter(([name]) => HEADER_NAME.test(name))
      .map(([Name, value]) => ({ Name, Value: headerSafe(value, 900) }));
    const result = await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: headerSafe(mail.from, 320),
        Destination: { ToAddresses: mail.to.map((to) => headerSafe(to, 320)) },
        ...(mail.replyTo && mail.replyTo.length > 0
          ? { ReplyToAddresses: mail.replyTo.map((to) => headerSafe(to, 320)) }
          : {}),
        ...(this.options.configurationSetName ? { ConfigurationSetName: this.options.configurationSetName } : {}),
        Content: {
          Simple: {
            Subject: { Data: headerSafe(mail.subject, 250), Charset: 'UTF-8' },
            Body: {
              Text: { Data: mail.text, Charset: 'UTF-8' },
              Html: { Data: mail.html, Charset: 'UTF-8' },
            },
            ...(headers.length > 0 ? { Headers: headers } : {}),
            ...(mail.attachments && mail.attachments.length > 0
              ? {
                  Attachments: mail.attachments.map((attachment) => ({
                    FileName: headerSafe(attachment.filename, 200),
                    ContentType: headerSafe(attachment.contentType, 200),
                    RawContent: attachment.content,
                    ContentDisposition: 'ATTACHMENT' as const,
                  })),
                }
              : {}),
          },
        },
      }),
    );
    if (!result.MessageId) throw new Error('SES returned no message id');
    return { messageId: result.MessageId };
  }
}

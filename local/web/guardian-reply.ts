// A guardian's reply to one of the answers, written in the web view, as the raw message a mail app
// would send: From the guardian, To the answer's reply address (its signed reference included).
import MailComposer from 'nodemailer/lib/mail-composer';

export async function composeGuardianReply(input: {
  from: string;
  to: string;
  /** The answer's subject; the reply's is `Re:` it. */
  subject: string;
  text: string;
  date: Date;
}): Promise<Buffer> {
  const subject = /^re:/i.test(input.subject) ? input.subject : `Re: ${input.subject}`;
  return new MailComposer({
    from: input.from,
    to: input.to,
    subject,
    text: input.text,
    date: input.date,
  })
    .compile()
    .build();
}

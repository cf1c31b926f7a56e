// A ReadMessage for unit tests: empty everywhere except what the test states.
import type { OuterMessage, ReadMessage } from '../../shared/mail/types';

export function readMessage(
  fields: Partial<Omit<ReadMessage, 'outer'>> & { outer?: Partial<OuterMessage> } = {},
): ReadMessage {
  const { outer, ...rest } = fields;
  return {
    outer: {
      messageId: null,
      from: null,
      fromMailboxes: [],
      to: [],
      cc: [],
      replyTo: [],
      subject: '',
      date: null,
      headers: {},
      ...outer,
    },
    forwarded: false,
    author: null,
    authoredAt: { instant: null, dateText: null },
    subject: '',
    text: '',
    html: null,
    note: null,
    attachments: [],
    problems: [],
    ...rest,
  };
}

// Copies of sent mail the system keeps itself. The local stack keeps every sent message in its
// outbox; SES keeps none, so in AWS there is nothing to forget and no adapter is given.

export interface SentMailCopies {
  /** Forgets every kept message about the child with this inbound address; returns how many went. */
  forgetChild(inboundAddress: string): Promise<number>;
}

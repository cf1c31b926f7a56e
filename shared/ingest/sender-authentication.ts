// Whether a message really comes from the one mailbox its From names. Pure: the platform's facts in,
// a judgement out. See docs/SECURITY.md ("Spoofed senders") for what each verdict means.
//
// In AWS the facts are SES's receipt verdicts. Only SES's DMARC verdict says anything about the From
// domain: DMARC passes only when SPF or DKIM passed for a domain aligned with the From domain. SES's
// SPF verdict is about the envelope sender and its DKIM verdict is about whichever signature
// verified, so either can pass for an attacker's own domain. They are therefore never enough alone.
import type { MailVerdicts } from './ingest-types';

/** What the platform tells about the message's origin. */
export type SenderAuthentication =
  /** The cloud: SES's receipt verdicts, as received. */
  | { kind: 'receipt-verdicts'; verdicts: MailVerdicts }
  /**
   * The local stack: mail handed in on the machine itself (the loopback SMTP listener, `iep ingest`).
   * No verdicts exist there; the one place that marks mail so is `local/smtp-inbound.ts`.
   */
  | { kind: 'locally-trusted' };

/** Why a message is held instead of read. Only `unknown-sender` may be released by `allow`. */
export type HoldKind = 'unknown-sender' | 'unauthenticated' | 'sender-unclear' | 'spam' | 'virus';

export type SenderJudgement =
  | {
      authenticated: true;
      /** The From domain proven by DMARC; null when trusted for another reason (the local stack). */
      verifiedDomain: string | null;
    }
  | { authenticated: false; hold: HoldKind; reason: string };

const verdictIs = (value: string | undefined, wanted: string) => value?.trim().toUpperCase() === wanted;

export const UNKNOWN_SENDER_REASON = 'the sender is not one of the addresses allowed for this child';

/**
 * Judges the sender: exactly one From mailbox, no virus or spam verdict, and either DMARC passing
 * or the local stack's own delivery. `fromMailboxes` are the addresses of every From header.
 */
export function judgeSender(fromMailboxes: readonly string[], authentication: SenderAuthentication): SenderJudgement {
  if (authentication.kind === 'receipt-verdicts') {
    const { verdicts } = authentication;
    if (verdictIs(verdicts.virus, 'FAIL')) return held('virus', 'it carried a virus');
    if (verdictIs(verdicts.spam, 'FAIL')) return held('spam', 'it looked like spam');
  }
  if (fromMailboxes.length !== 1) {
    return held(
      'sender-unclear',
      fromMailboxes.length === 0
        ? 'the sender could not be verified (no sender address could be read)'
        : 'the sender could not be verified (it named more than one sender)',
    );
  }
  if (authentication.kind === 'locally-trusted') return { authenticated: true, verifiedDomain: null };
  if (verdictIs(authentication.verdicts.dmarc, 'PASS')) {
    const address = fromMailboxes[0] ?? '';
    return { authenticated: true, verifiedDomain: address.slice(address.lastIndexOf('@') + 1).toLowerCase() };
  }
  return held(
    'unauthenticated',
    verdictIs(authentication.verdicts.dmarc, 'FAIL')
      ? 'the sender could not be verified (DMARC failed)'
      : 'the sender could not be verified (its domain did not prove the message came from it)',
  );
}

function held(hold: HoldKind, reason: string): SenderJudgement {
  return { authenticated: false, hold, reason };
}

/** SES's verdicts as the ingest takes them. */
export function receiptAuthentication(verdicts: MailVerdicts): SenderAuthentication {
  return { kind: 'receipt-verdicts', verdicts };
}

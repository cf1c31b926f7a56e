// Mail as SES delivers it from a sender whose domain passed DMARC: what the suites use for a
// guardian's (or an allowed sender's) ordinary mail. The failing cases are spelled out where tested.
import { receiptAuthentication } from '../../shared/ingest/sender-authentication';

export const DMARC_PASSED = receiptAuthentication({
  spf: 'PASS',
  dkim: 'PASS',
  dmarc: 'PASS',
  spam: 'PASS',
  virus: 'PASS',
});

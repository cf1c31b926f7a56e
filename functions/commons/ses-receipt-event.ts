// The SES receipt event, validated at the edge. Real events differ from the documentation:
// `dmarcPolicy` appears only when DMARC fails, `commonHeaders.to` is absent when the address was
// only Bcc'd, and headers may be truncated. So only what the reader needs is required.
import { z } from 'zod';

const verdict = z.object({ status: z.string() }).loose();

export const sesReceiptRecordSchema = z
  .object({
    eventSource: z.literal('aws:ses').optional(),
    ses: z.object({
      mail: z
        .object({
          messageId: z.string().min(1).max(200),
          source: z.string().max(1000).optional(),
          destination: z.array(z.string().max(1000)).max(100),
          headersTruncated: z.boolean().optional(),
          commonHeaders: z
            .object({ to: z.array(z.string()).optional(), from: z.array(z.string()).optional() })
            .loose()
            .optional(),
        })
        .loose(),
      receipt: z
        .object({
          recipients: z.array(z.string().max(1000)).min(1).max(100),
          spamVerdict: verdict.optional(),
          virusVerdict: verdict.optional(),
          spfVerdict: verdict.optional(),
          dkimVerdict: verdict.optional(),
          dmarcVerdict: verdict.optional(),
          dmarcPolicy: z.string().optional(),
        })
        .loose(),
    }),
  })
  .loose();

export const sesReceiptEventSchema = z.object({ Records: z.array(sesReceiptRecordSchema).min(1).max(10) }).loose();

export type SesReceiptRecord = z.infer<typeof sesReceiptRecordSchema>;

export type VerdictStatus = 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED' | 'DISABLED' | 'UNKNOWN';

export interface ReceiptVerdicts {
  spf: VerdictStatus;
  dkim: VerdictStatus;
  dmarc: VerdictStatus;
  spam: VerdictStatus;
  virus: VerdictStatus;
}

const statuses = new Set<VerdictStatus>(['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED', 'DISABLED']);
const status = (v: { status: string } | undefined): VerdictStatus => {
  const s = v?.status?.toUpperCase() as VerdictStatus | undefined;
  return s && statuses.has(s) ? s : 'UNKNOWN';
};

/** The verdicts SES computed. SES acts on none of them: the reader must. */
export function receiptVerdicts(record: SesReceiptRecord): ReceiptVerdicts {
  const r = record.ses.receipt;
  return {
    spf: status(r.spfVerdict),
    dkim: status(r.dkimVerdict),
    dmarc: status(r.dmarcVerdict),
    spam: status(r.spamVerdict),
    virus: status(r.virusVerdict),
  };
}

// Reads one raw message into what the system would record. Placeholder until the reader and
// the extraction rules land: it only proves the wiring and records nothing.
import type { ExtractionWithProvenance } from '../records/types';

export interface ExtractOptions {
  /** The child's IANA time zone; dates without a zone are read in it. */
  tz: string;
  /** The input's base name, echoed in the `file` field. */
  file: string;
}

export interface ExtractOutcome {
  extraction: ExtractionWithProvenance;
  /** Plain-words problems met while reading (damaged attachment, truncated MIME). */
  problems: string[];
}

export async function extractFromBytes(_bytes: Uint8Array, options: ExtractOptions): Promise<ExtractOutcome> {
  return {
    extraction: {
      schema: 'iep-extract/1',
      file: options.file,
      sender: null,
      sentOn: null,
      sessions: [],
      requirements: [],
      settingPercent: null,
      settingEvents: [],
      dates: [],
    },
    problems: [],
  };
}

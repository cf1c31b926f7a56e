// PDF.js inflates a stream's filters fully and without a limit, so a 1 KB PDF of nested
// FlateDecode layers becomes gigabytes. Before PDF.js sees a file, every Flate stream is inflated
// here, layer by layer, counting the output against one budget and stopping the moment it is spent.
import { Inflate } from 'fflate';

class OverBudget extends Error {}

const STEP = 8 * 1024;

/** Inflates one layer (zlib-wrapped or raw deflate) without keeping more than `budget` bytes. */
function inflateLayer(data: Uint8Array, budget: { left: number }, keep: boolean): Uint8Array | null {
  const wrapped = data.byteLength > 2 && (data[0]! & 0x0f) === 8 && ((data[0]! << 8) | data[1]!) % 31 === 0;
  const body = wrapped ? data.subarray(2) : data;
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    budget.left -= chunk.byteLength;
    if (budget.left < 0) throw new OverBudget();
    total += chunk.byteLength;
    if (keep) chunks.push(chunk);
  });
  try {
    for (let at = 0; at < body.byteLength; at += STEP) {
      inflater.push(body.subarray(at, Math.min(at + STEP, body.byteLength)), at + STEP >= body.byteLength);
    }
  } catch (error) {
    if (error instanceof OverBudget) throw error;
    // Damaged data: PDF.js meets the same and copes; what inflated so far is counted.
  }
  if (!keep) return null;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** False when the PDF's Flate streams, all layers counted, inflate to more than `maxBytes`. */
export function pdfInflatesWithin(bytes: Uint8Array, maxBytes: number): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const budget = { left: maxBytes };
  let from = 0;
  try {
    for (;;) {
      const keyword = text.indexOf('stream', from);
      if (keyword < 0) return true;
      from = keyword + 6;
      if (text.startsWith('end', keyword - 3)) continue;
      const dictStart = text.lastIndexOf('obj', keyword);
      const dict = text.slice(dictStart < 0 ? Math.max(0, keyword - 4096) : dictStart, keyword);
      const layers = dict.split('/FlateDecode').length - 1 + (dict.split('/Fl ').length - 1);
      if (layers === 0) continue;
      let start = keyword + 6;
      if (text[start] === '\r') start++;
      if (text[start] === '\n') start++;
      const end = text.indexOf('endstream', start);
      let data: Uint8Array | null = bytes.subarray(start, end < 0 ? bytes.byteLength : end);
      for (let layer = 0; layer < layers && data; layer++) data = inflateLayer(data, budget, layer < layers - 1);
      from = end < 0 ? bytes.byteLength : end + 9;
    }
  } catch (error) {
    if (error instanceof OverBudget) return false;
    throw error;
  }
}

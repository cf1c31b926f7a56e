// Opens the zip container of an XLSX or DOCX without trusting it: the central directory is read
// by hand, only the named parts are inflated, the declared sizes are checked against the limit
// before inflating, and the actual output is counted while inflating, so a zip bomb stops early.
import { Inflate } from 'fflate';
import type { OpenFailure } from '../reading-problem';

export class ZipProblem extends Error {
  constructor(readonly reason: 'damaged' | 'too-large' | 'encrypted') {
    super(reason);
  }
}

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  declaredSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const MAX_ENTRIES = 10_000;
/** Compressed bytes handed to the inflater at a time; bounds the output of one step (deflate expands at most ~1032x). */
const INFLATE_STEP = 8 * 1024;

export interface OpenedZip {
  names: string[];
  /** Inflates one part; null when the part is absent. Counts against the shared budget. */
  read(name: string): Uint8Array | null;
}

export function openZip(bytes: Uint8Array, maxUnzippedBytes: number): OpenedZip {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = readCentralDirectory(bytes, view);
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  let spent = 0;
  return {
    names: entries.map((entry) => entry.name),
    read(name) {
      const entry = byName.get(name);
      if (!entry) return null;
      if (entry.flags & 1) throw new ZipProblem('encrypted');
      if (entry.declaredSize > maxUnzippedBytes - spent) throw new ZipProblem('too-large');
      const data = entryData(bytes, view, entry);
      const out = inflateBounded(entry.method, data, maxUnzippedBytes - spent);
      spent += out.byteLength;
      return out;
    },
  };
}

function readCentralDirectory(bytes: Uint8Array, view: DataView): ZipEntry[] {
  if (bytes.byteLength < 22) throw new ZipProblem('damaged');
  let eocd = -1;
  const earliest = Math.max(0, bytes.byteLength - 22 - 0xffff);
  for (let i = bytes.byteLength - 22; i >= earliest; i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipProblem('damaged');
  const count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (count > MAX_ENTRIES || count === 0xffff || offset === 0xffffffff) throw new ZipProblem('too-large');
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (offset + 46 > bytes.byteLength || view.getUint32(offset, true) !== CENTRAL_SIGNATURE) {
      throw new ZipProblem('damaged');
    }
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength > bytes.byteLength) throw new ZipProblem('damaged');
    entries.push({
      flags: view.getUint16(offset + 8, true),
      method: view.getUint16(offset + 10, true),
      compressedSize: view.getUint32(offset + 20, true),
      declaredSize: view.getUint32(offset + 24, true),
      localHeaderOffset: view.getUint32(offset + 42, true),
      name: decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function entryData(bytes: Uint8Array, view: DataView, entry: ZipEntry): Uint8Array {
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.byteLength || view.getUint32(at, true) !== LOCAL_SIGNATURE) throw new ZipProblem('damaged');
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.byteLength) throw new ZipProblem('damaged');
  return bytes.subarray(start, end);
}

function inflateBounded(method: number, data: Uint8Array, budget: number): Uint8Array {
  if (method === 0) {
    if (data.byteLength > budget) throw new ZipProblem('too-large');
    return data;
  }
  if (method !== 8) throw new ZipProblem('damaged');
  const chunks: Uint8Array[] = [];
  let total = 0;
  let finished = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.byteLength;
    if (total > budget) throw new ZipProblem('too-large');
    chunks.push(chunk);
    if (final) finished = true;
  });
  try {
    for (let at = 0; at < data.byteLength; at += INFLATE_STEP) {
      const end = Math.min(at + INFLATE_STEP, data.byteLength);
      inflater.push(data.subarray(at, end), end === data.byteLength);
      if (finished) break;
    }
  } catch (error) {
    if (error instanceof ZipProblem) throw error;
    throw new ZipProblem('damaged');
  }
  if (!finished) throw new ZipProblem('damaged');
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

export function zipFailure(error: unknown): OpenFailure {
  if (error instanceof ZipProblem) {
    if (error.reason === 'too-large') return 'tooLarge';
    if (error.reason === 'encrypted') return 'password';
  }
  return 'damaged';
}

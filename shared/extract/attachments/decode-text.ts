// Turns the bytes of a text attachment into a string. School exports arrive in UTF-8 (often with a
// byte-order mark), UTF-16 from some spreadsheet "Unicode text" exports, or windows-1252 from older
// systems. A strict UTF-8 decoder fails on the first byte that cannot be UTF-8, and then the
// windows-1252 reading is the one that makes sense for these senders.

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** True when the bytes began with a byte-order mark (removed from `text`). */
  hadBom: boolean;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: lenientDecode('utf-8', bytes.subarray(3)), encoding: 'utf-8', hadBom: true };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: lenientDecode('utf-16le', bytes.subarray(2)), encoding: 'utf-16le', hadBom: true };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: lenientDecode('utf-16be', bytes.subarray(2)), encoding: 'utf-16be', hadBom: true };
  }
  const wide = utf16WithoutBom(bytes);
  if (wide) return { text: lenientDecode(wide, bytes), encoding: wide, hadBom: false };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { text, encoding: 'utf-8', hadBom: false };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252', hadBom: false };
  }
}

/**
 * UTF-16 without a byte-order mark, as some exports write it: mostly-ASCII text where every other
 * byte is zero. Null when the bytes do not look like that.
 */
export function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const sample = bytes.subarray(0, 4096 - (Math.min(bytes.length, 4096) % 2));
  if (sample.length < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = sample.length / 2;
  if (oddZeros >= pairs * 0.6 && evenZeros <= pairs * 0.05) return 'utf-16le';
  if (evenZeros >= pairs * 0.6 && oddZeros <= pairs * 0.05) return 'utf-16be';
  return null;
}

// Node's TextDecoder reads the 'windows-1252' label as ISO-8859-1 and leaves 0x80-0x9F (curly
// quotes, dashes, the euro sign) as control characters, so the code page is mapped here.
const WINDOWS_1252_HIGH: readonly number[] = [
  0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd,
  0x017d, 0xfffd, 0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0xfffd, 0x017e, 0x0178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk: number[] = [];
  for (const byte of bytes) {
    chunk.push(byte >= 0x80 && byte < 0xa0 ? (WINDOWS_1252_HIGH[byte - 0x80] ?? 0xfffd) : byte);
    if (chunk.length === 8192) {
      parts.push(String.fromCharCode(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCharCode(...chunk));
  return parts.join('');
}

function lenientDecode(encoding: TextEncodingName, bytes: Uint8Array): string {
  return new TextDecoder(encoding, { fatal: false, ignoreBOM: true }).decode(bytes);
}

/** Normalises line ends and removes NUL characters, which no school text means. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replaceAll('\u0000', '');
}

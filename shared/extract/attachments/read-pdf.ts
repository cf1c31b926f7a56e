// Reads the text layer of a PDF (IEP services pages, agency statements) with PDF.js. Scanned
// pages without a text layer give no text; that is said plainly. PDF.js is imported only when a
// PDF arrives, so functions that never meet one do not pay for loading it.
import { MAX_PDF_INFLATED_BYTES } from '../../limits';
import type { OpenFailure, ReadingProblem } from '../reading-problem';
import { pdfInflatesWithin } from './pdf-inflate-check';
import {
  inReadingOrder,
  linesOfPage,
  lineText,
  type OpenTable,
  type PageLine,
  type TextRun,
  tablesOfPage,
} from './pdf-layout';
import type { AttachmentContent, AttachmentLimits, Table } from './types';

const DEFAULT_PDF_MILLIS = 15_000;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<PdfJs> | null = null;

function loadPdfJs(): Promise<PdfJs> {
  if (loading) return loading;
  const started = keepingNativeBuiltIns(async () => {
    standInForCanvasGlobals();
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    pdfjs.GlobalWorkerOptions.workerSrc = '';
    return pdfjs;
  });
  // A failed load is not remembered: the next PDF tries again.
  started.catch(() => {
    loading = null;
  });
  loading = started;
  return started;
}

/** The built-ins whose own properties PDF.js's polyfills may replace. */
const BUILT_INS: object[] = [
  Array,
  Array.prototype,
  Object,
  Object.prototype,
  Function.prototype,
  String.prototype,
  Number,
  Math,
  JSON,
  Promise,
  Promise.prototype,
  Map.prototype,
  Set.prototype,
  RegExp.prototype,
  ArrayBuffer.prototype,
  Object.getPrototypeOf(Uint8Array.prototype),
  Uint8Array.prototype,
];

/**
 * PDF.js's legacy build (the one for Node 20) carries core-js, which on load replaces built-ins
 * for the whole process with JavaScript versions that differ from Node's only in corner cases
 * (`Array.prototype.push` past 2^32 elements, `JSON.parse` giving revivers the source text,
 * `Function.prototype.toString` of polyfills). They are several times slower, and after the first
 * PDF everything else in the process (the reader, mail parsing, the SDK's JSON) would pay for
 * them: the ones it replaced are put back once it has loaded. What it adds (`Promise.withResolvers`,
 * the new Set and Iterator methods) stays: PDF.js needs those.
 */
async function keepingNativeBuiltIns<T>(load: () => Promise<T>): Promise<T> {
  const natives = BUILT_INS.map((target) => {
    const keys = Reflect.ownKeys(target);
    return { target, descriptors: keys.map((key) => [key, Object.getOwnPropertyDescriptor(target, key)] as const) };
  });
  try {
    return await load();
  } finally {
    for (const { target, descriptors } of natives) {
      for (const [key, before] of descriptors) {
        const now = Object.getOwnPropertyDescriptor(target, key);
        if (before && now && !(Object.is(now.value, before.value) && now.get === before.get && now.set === before.set))
          Object.defineProperty(target, key, before);
      }
    }
  }
}

/**
 * PDF.js's display layer creates a DOMMatrix when it loads, for rendering. Text extraction never
 * renders, and a Lambda has no native canvas package, so plain stand-ins are put in place when the
 * runtime has none (never replacing real ones).
 */
function standInForCanvasGlobals(): void {
  const globals = globalThis as Record<string, unknown>;
  globals.DOMMatrix ??= class DOMMatrixStandIn {
    a = 1;
    b = 0;
    c = 0;
    d = 1;
    e = 0;
    f = 0;
  };
  globals.ImageData ??= class ImageDataStandIn {};
  globals.Path2D ??= class Path2DStandIn {};
}

class PdfTimeout extends Error {}

export async function readPdf(
  filename: string,
  bytes: Uint8Array,
  limits: AttachmentLimits,
): Promise<AttachmentContent> {
  const problems: ReadingProblem[] = [];
  const lines: string[] = [];
  const tables: Table[] = [];
  let timer: NodeJS.Timeout | undefined;
  let destroy: (() => Promise<void>) | null = null;
  const millis = limits.maxPdfMillis ?? DEFAULT_PDF_MILLIS;
  const maxInflated = limits.maxPdfInflatedBytes ?? MAX_PDF_INFLATED_BYTES;
  if (!pdfInflatesWithin(bytes, maxInflated)) {
    problems.push({ key: 'pdfTooLarge', file: filename, limitMb: Math.round(maxInflated / 1024 / 1024) });
    return { filename, kind: 'pdf', text: '', tables, problems };
  }
  const work = async () => {
    const pdfjs = await loadPdfJs();
    const task = pdfjs.getDocument({
      // PDF.js takes ownership of (detaches) the buffer it is given: hand it a copy.
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      isOffscreenCanvasSupported: false,
      enableXfa: false,
      stopAtErrors: false,
      verbosity: pdfjs.VerbosityLevel.ERRORS,
    });
    destroy = () => task.destroy();
    const document = await task.promise;
    const pageCount = Math.min(document.numPages, limits.maxPdfPages);
    if (document.numPages > limits.maxPdfPages) {
      problems.push({ key: 'pdfPages', file: filename, pages: document.numPages, limit: limits.maxPdfPages });
    }
    let open: OpenTable | null = null;
    for (let number = 1; number <= pageCount; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const runs: TextRun[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const [, , c = 0, d = 0, x = 0, y = 0] = item.transform as number[];
        runs.push({
          text: item.str,
          x,
          y,
          width: item.width,
          height: Math.max(item.height, Math.hypot(c, d), 1),
        });
      }
      page.cleanup();
      const pageLines: PageLine[] = inReadingOrder(linesOfPage(runs));
      const found = tablesOfPage(pageLines, tables.length + 1, lines.length + 1, open);
      tables.push(...found.tables);
      open = found.open;
      for (const line of pageLines) lines.push(lineText(line));
      if (lines.length > limits.maxRows * 4) break;
    }
  };
  try {
    await Promise.race([
      work(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new PdfTimeout()), millis);
      }),
    ]);
    if (lines.length === 0) {
      problems.push({ key: 'pdfNoText', file: filename });
    }
  } catch (error) {
    if (error instanceof PdfTimeout) problems.push({ key: 'pdfSlow', file: filename });
    else problems.push({ key: 'pdfUnopened', file: filename, why: pdfFailure(error) });
  } finally {
    clearTimeout(timer);
    const stop: (() => Promise<void>) | null = destroy;
    if (stop) await (stop as () => Promise<void>)().catch(() => undefined);
  }
  return { filename, kind: 'pdf', text: lines.join('\n'), tables, problems };
}

function pdfFailure(error: unknown): OpenFailure {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  return name === 'PasswordException' ? 'password' : 'damaged';
}

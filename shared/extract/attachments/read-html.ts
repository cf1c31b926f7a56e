// Reads an HTML attachment: its text one block element a line, and its data tables.
import { parse } from 'node-html-parser';
import { cleanText } from './decode-text';
import { tablesFromHtml } from './tables-from-html';
import type { AttachmentContent, AttachmentLimits } from './types';

export function readHtml(filename: string, html: string, limits: AttachmentLimits): AttachmentContent {
  return { filename, kind: 'html', text: htmlText(html), tables: tablesFromHtml(html, limits.maxRows), problems: [] };
}

/** Text of an HTML attachment, one block element a line (scripts and styles dropped). */
function htmlText(html: string): string {
  const root = parse(html.slice(0, 2_000_000), { blockTextElements: { script: false, style: false, noscript: false } });
  return cleanText(root.structuredText)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

// Headless Chromium for the screenshot tests: the one CI installs (/usr/bin/chromium), driven by
// playwright-core, with nothing reaching the network. Screenshots go to test-results/.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Chromium (Debian: apt-get update && apt-get install -y chromium); CI installs it.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The folder screenshots of one suite go to (made if missing). */
export function screenshotFolder(name: string): string {
  const dir = join(process.cwd(), 'test-results', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export interface Overflow {
  tag: string;
  right: number;
  text: string;
}

/** The page's scroll width and every element whose right edge runs past `width`. */
export async function overflowAt(page: Page, width: number): Promise<{ scrollWidth: number; overflowing: Overflow[] }> {
  const scrollWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
  const overflowing = (await page.evaluate(`(() => {
    const out = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const rect = el.getBoundingClientRect();
      if (rect.width > 0 && rect.right > ${width} + 0.5) {
        out.push({ tag: el.tagName, right: Math.round(rect.right), text: (el.textContent || '').slice(0, 60) });
      }
    }
    return out;
  })()`)) as Overflow[];
  return { scrollWidth, overflowing };
}

/**
 * Whether each text is shown: some element whose own text holds it is laid out with a size, inside
 * the page's width and not hidden.
 */
export async function visibleTexts(page: Page, texts: string[], width: number): Promise<Record<string, boolean>> {
  return (await page.evaluate(`(() => {
    const texts = ${JSON.stringify(texts)};
    const out = {};
    const all = Array.from(document.body.querySelectorAll('*'));
    for (const text of texts) {
      out[text] = all.some((el) => {
        if (!(el.textContent || '').replace(/\\s+/g, ' ').includes(text)) return false;
        if (Array.from(el.children).some((c) => (c.textContent || '').replace(/\\s+/g, ' ').includes(text))) return false;
        const rect = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return rect.width > 0 && rect.height > 0 && rect.right <= ${width} + 0.5 && style.visibility !== 'hidden' && style.display !== 'none';
      });
    }
    return out;
  })()`)) as Record<string, boolean>;
}

// Opens a realistic digest in headless Chromium at a phone width and a desktop width: nothing may
// run past the right edge at 390 px. Screenshots go to test-results/ for a person to look at.

import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDigest } from '../../shared/digest/digest-model';
import { renderDigestEmail } from '../../shared/render/digest-email';
import { wordingFor } from '../../shared/render/wording';
import { launchChromium, overflowAt, screenshotFolder } from '../support/chromium';
import { realisticDigestInput } from '../unit/render/digest-fixture';

const OUT = screenshotFolder('digest');

describe('the digest email in a browser', () => {
  let browser: Browser;
  const digest = computeDigest(realisticDigestInput());
  const feed = 'https://calendar.example.org/calendar/abcdefghijklmnopqrstuvwxyz.ics';
  const email = renderDigestEmail(digest, { calendarUrl: feed });

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function open(width: number, colorScheme: 'light' | 'dark') {
    const page = await browser.newPage({ viewport: { width, height: 800 }, colorScheme });
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('data:') && r.url() !== 'about:blank') requests.push(r.url());
    });
    await page.setContent(email.html, { waitUntil: 'load' });
    return { page, requests };
  }

  it('fits a 390 px phone screen with nothing running past the right edge', async () => {
    // Prepare
    const { page, requests } = await open(390, 'light');

    // Act
    const { scrollWidth, overflowing } = await overflowAt(page, 390);
    await page.screenshot({ path: join(OUT, 'digest-390.png'), fullPage: true });
    await page.close();

    // Assess
    expect(scrollWidth).toBeLessThanOrEqual(390);
    expect(overflowing).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('in Spanish, whose words run longer, with each letter beside its Spanish, also fits a 390 px phone screen', async () => {
    // Prepare: the model a Spanish-reading family gets (English letters with their Spanish to read)
    const spanishDigest = computeDigest(realisticDigestInput(), 'es');
    const spanish = renderDigestEmail(spanishDigest, { calendarUrl: feed }, wordingFor('es'));
    const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
    await page.setContent(spanish.html, { waitUntil: 'load' });

    // Act
    const { scrollWidth, overflowing } = await overflowAt(page, 390);
    const heading = (await page.evaluate(`document.querySelector('h2').textContent`)) as string;
    await page.screenshot({ path: join(OUT, 'digest-390-es.png'), fullPage: true });
    await page.close();

    // Assess
    expect(heading).toBe('Lo que necesita atención');
    expect(spanish.html).toContain('Lo que dice este correo:');
    expect(scrollWidth).toBeLessThanOrEqual(390);
    expect(overflowing).toEqual([]);
  });

  it('a digest with no services yet, and a hostile name, also fits at 390 px', async () => {
    // Prepare
    const empty = computeDigest({
      ...realisticDigestInput(),
      child: 'Maya<script>alert(1)</script>Supercalifragilisticexpialidocious-Hyphenated-Name',
      requirements: [],
    });
    const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
    await page.setContent(renderDigestEmail(empty).html, { waitUntil: 'load' });

    // Act
    const scrollWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    const scripts = (await page.evaluate(`document.querySelectorAll('script').length`)) as number;
    await page.screenshot({ path: join(OUT, 'digest-390-no-services.png'), fullPage: true });
    await page.close();

    // Assess
    expect(scrollWidth).toBeLessThanOrEqual(390);
    expect(scripts).toBe(0);
  });

  it('stays one column no wider than 600 px on a 1024 px screen', async () => {
    // Prepare
    const { page } = await open(1024, 'light');

    // Act
    const widest = (await page.evaluate(
      `Math.max(...Array.from(document.querySelectorAll('h1, h2, p')).map((el) => el.getBoundingClientRect().width))`,
    )) as number;
    await page.screenshot({ path: join(OUT, 'digest-1024.png'), fullPage: true });
    await page.close();

    // Assess
    expect(widest).toBeLessThanOrEqual(600);
  });

  it('switches to light text on a dark background when the reader prefers dark mode', async () => {
    // Prepare
    const { page } = await open(390, 'dark');

    // Act
    const colours = (await page.evaluate(`(() => {
      const h1 = document.querySelector('h1');
      const card = h1.closest('td');
      return { text: getComputedStyle(h1).color, background: getComputedStyle(card).backgroundColor };
    })()`)) as { text: string; background: string };
    await page.screenshot({ path: join(OUT, 'digest-390-dark.png'), fullPage: true });
    await page.close();

    // Assess
    expect(colours.text).toBe('rgb(243, 244, 246)');
    expect(colours.background).toBe('rgb(31, 41, 55)');
  });

  it('offers each draft as a mailto: link, and the calendar as webcal:// and https://, and no other link', async () => {
    // Prepare
    const { page } = await open(390, 'light');

    // Act
    const hrefs = (await page.evaluate(`Array.from(document.querySelectorAll('a')).map((a) => a.href)`)) as string[];
    await page.close();

    // Assess
    const mailto = hrefs.filter((href) => href.startsWith('mailto:'));
    expect(mailto).toHaveLength(digest.drafts.length);
    expect(hrefs.filter((href) => !href.startsWith('mailto:'))).toEqual([feed.replace('https://', 'webcal://'), feed]);
  });
});

// The local stack's web view in headless Chromium, on a stack started as `npm start` starts it
// (the demo family's sample mail sent over real SMTP): the timeline with what was recorded, a
// reply written in the page that changes a record, a hostile subject shown as text, no horizontal
// overflow at phone and desktop widths, an axe-core check, and the Host/Origin/token refusals.
// Screenshots go to test-results/web-view/ for a person to look at.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLocalConfig } from '../../local/config';
import { exampleFiles, seedDemoFamily } from '../../local/demo-family';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { describeRecord } from '../../shared/render/record-words';
import { registerChild } from '../../shared/replies/welcome';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const CHROMIUM = '/usr/bin/chromium';
const OUT = join(process.cwd(), 'test-results', 'web-view');
const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> & "quotes"';

let dir: string;
let stack: LocalStack;
let browser: Browser;
let childId: string;
let address: string;

/** A raw HTTP request with exactly the headers given (fetch would set Host and Origin itself). */
function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

async function openChild(width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(`${stack.webUrl}child/${childId}`, { waitUntil: 'load' });
  return page;
}

async function overflowAt(page: Page, width: number) {
  return (await page.evaluate(`(() => {
    const out = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const rect = el.getBoundingClientRect();
      if (rect.width > 0 && rect.right > ${width} + 0.5) {
        out.push({ tag: el.tagName, right: Math.round(rect.right), text: (el.textContent || '').slice(0, 60) });
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, overflowing: out };
  })()`)) as { scrollWidth: number; overflowing: unknown[] };
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Chromium (Debian: apt-get update && apt-get install -y chromium); CI installs it.`,
    );
  }
  mkdirSync(OUT, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'iep-web-'));
  stack = await startLocalStack(
    readLocalConfig(
      { IEP_DATA_DIR: dir, IEP_SMTP_PORT: '0', IEP_OUTBOX_PORT: '0', IEP_DYNAMO_PORT: '0' },
      process.cwd(),
    ),
  );
  const demo = await seedDemoFamily(stack);
  expect(demo.failed).toEqual([]);
  childId = demo.childId;
  address = demo.address;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the web view of the demo family', () => {
  it('lists the 7 sample messages, each with the records read from it and their source lines', async () => {
    // Prepare
    const records = await stack.services.records.list(childId);
    const messages = await stack.services.messages.list(childId);

    // Act
    const page = await openChild(1280);
    const received = await page.locator('li.entry.in').all();
    const headings = await page.locator('li.entry.in h3').allTextContents();
    const texts = await Promise.all(received.map(async (entry) => (await entry.textContent()) ?? ''));
    const facts = await page.locator('dl.facts dd').allTextContents();
    await page.close();

    // Assess
    expect(exampleFiles()).toHaveLength(7);
    expect(received).toHaveLength(7);
    expect(headings).toContain('Received Fwd: No OT today');
    expect(facts).toEqual(expect.arrayContaining([address, 'demo.parent@example.com', 'CA', 'English']));
    for (const message of messages) {
      const own = records.filter((record) => record.messageId === message.messageId);
      const text = (texts[messages.indexOf(message)] ?? '').replace(/\s+/g, ' ');
      for (const record of own) {
        expect(text).toContain(describeRecord(record));
        if (record.source.excerpt) expect(text).toContain(record.source.excerpt.replace(/\s+/g, ' ').trim());
      }
    }
    expect(records.length).toBeGreaterThan(10);
  });

  it('a reply written in the page changes the record and shows in the timeline', async () => {
    // Prepare
    const page = await openChild(1280);
    const answer = page.locator('li.entry.out', { hasText: 'Recorded for Lena: 1 item · Fwd: No OT today' });
    const [before] = (await stack.services.records.list(childId)).filter(
      (r) => r.kind === 'session' && r.service === 'occupational-therapy' && r.status === 'missed',
    );
    expect(before?.confirmed).toBe(false);

    // Act
    await answer.locator('summary', { hasText: 'Reply to this answer' }).click();
    await answer.getByLabel('Reply (one correction per line').fill('1 20 min');
    await Promise.all([page.waitForURL(/notice=/), answer.getByRole('button', { name: 'Send reply' }).click()]);
    const notice = (await page.getByRole('status').textContent()) ?? '';
    const timeline = ((await page.locator('ol.timeline').textContent()) ?? '').replace(/\s+/g, ' ');
    await page.close();

    // Assess
    const after = await stack.services.records.get(childId, before?.id ?? '');
    expect(after?.kind === 'session' && after.minutes).toBe(20);
    expect(after?.confirmed).toBe(true);
    expect(notice).toContain('a reply to one of our answers');
    expect(timeline).toContain('Re: Recorded for Lena: 1 item · Fwd: No OT today');
    expect(timeline).toContain('Updated for Lena');
    expect(timeline).toContain('Mon Nov 23 · Occupational therapy · 20 min');
  });

  it('shows a hostile subject, pasted as a guardian, as text: nothing runs', async () => {
    // Prepare
    const raw = readFileSync(exampleFiles()[0] ?? '', 'utf8')
      .replace(/^Subject: .*$/m, `Subject: ${HOSTILE}`)
      .replace(/^Message-ID: .*$/m, 'Message-ID: <hostile-subject@mail.gmail.example>');
    const page = await openChild(1280);

    // Act
    await page.getByLabel("Paste a message's source (.eml)").fill(raw);
    await Promise.all([page.waitForURL(/notice=/), page.getByRole('button', { name: 'Deliver' }).click()]);
    const headings = await page.locator('li.entry.in h3').allTextContents();
    const pwned = await page.evaluate('window.__pwned');
    const injected = await page.locator('main img, main script').count();
    await page.close();

    // Assess
    expect(headings).toContain(`Received ${HOSTILE}`);
    expect(pwned).toBeUndefined();
    expect(injected).toBe(0);
  });

  it.each([390, 1280])('has no horizontal overflow at %i px', async (width) => {
    // Prepare
    const page = await openChild(width);

    // Act
    const { scrollWidth, overflowing } = await overflowAt(page, width);
    await page.screenshot({ path: join(OUT, `child-${width}.png`), fullPage: true });
    const home = await browser.newPage({ viewport: { width, height: 900 } });
    await home.goto(stack.webUrl);
    const homeOverflow = await overflowAt(home, width);
    await home.screenshot({ path: join(OUT, `children-${width}.png`), fullPage: true });
    await home.close();
    await page.close();

    // Assess
    expect(overflowing).toEqual([]);
    expect(scrollWidth).toBeLessThanOrEqual(width);
    expect(homeOverflow.overflowing).toEqual([]);
  });

  it('passes an axe-core check: no missing labels, names or contrast problems', async () => {
    // Prepare: the page's policy allows no script of its own, so the check is let in from outside.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${stack.webUrl}child/${childId}`);
    await page.addScriptTag({ content: readFileSync(join(process.cwd(), 'node_modules/axe-core/axe.min.js'), 'utf8') });

    // Act
    const violations = (await page.evaluate(`(async () => {
      const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] } });
      return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
    })()`)) as Array<{ id: string; nodes: string[] }>;
    await context.close();

    // Assess
    expect(violations).toEqual([]);
  });
});

describe('export, upload and delete from the page', () => {
  it('offers the records as CSV, the same export the CLI writes', async () => {
    // Prepare
    const records = await stack.services.records.list(childId, { includeDeleted: true });

    // Act
    const csv = await rawRequest(`${stack.webUrl}child/${childId}/export/records.csv`, {});

    // Assess
    expect(csv.status).toBe(200);
    for (const record of records) expect(csv.body).toContain(record.id);
  });

  it('delivers an uploaded .eml through the ingest pipeline and says what happened', async () => {
    // Prepare
    const page = await openChild(390);

    // Act: the demo already sent this file, so the pipeline reads it and finds its session kept already
    await page.getByLabel('or choose an .eml file').setInputFiles(exampleFiles()[1] ?? '');
    await Promise.all([page.waitForURL(/notice=/), page.getByRole('button', { name: 'Deliver' }).click()]);
    const notice = (await page.getByRole('status').textContent()) ?? '';
    await page.close();

    // Assess
    expect(notice).toContain('Delivered: read, 0 new record(s), 1 already recorded, answer sent.');
  });

  it('deletes a child only once the irreversibility box is ticked', async () => {
    // Prepare
    const other = await registerChild(stack.services, {
      name: 'Omar',
      guardians: ['omar.parent@example.com'],
      timeZone: 'America/New_York',
    });
    const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
    await page.goto(`${stack.webUrl}child/${other.id}`);
    const button = page.getByRole('button', { name: 'Delete everything kept for Omar' });

    // Act
    await button.click();
    const keptUnticked = await stack.services.children.get(other.id);
    await page.getByLabel("Delete Omar's records, stored messages and address").check();
    await Promise.all([page.waitForURL(/notice=/), button.click()]);
    const notice = (await page.getByRole('status').textContent()) ?? '';
    await page.close();

    // Assess
    expect(keptUnticked?.id).toBe(other.id);
    expect(notice).toContain(`Deleted Omar`);
    expect(await stack.services.children.get(other.id)).toBeNull();
    expect(await stack.services.children.get(childId)).not.toBeNull();
  });
});

describe('the web view refuses what did not come from its own page', () => {
  it('refuses a foreign Host header, as curl would send it', async () => {
    // Act
    const foreign = await rawRequest(stack.webUrl, { headers: { Host: 'evil.example:8004' } });
    const own = await rawRequest(stack.webUrl, {});

    // Assess
    expect(foreign.status).toBe(403);
    expect(foreign.body).not.toContain(address);
    expect(own.status).toBe(200);
  });

  it('refuses a delete with a foreign Origin, with no token, or by GET, and keeps the child', async () => {
    // Prepare
    const url = `${stack.webUrl}child/${childId}/delete`;
    const origin = stack.webUrl.replace(/\/$/, '');
    const form = { 'content-type': 'application/x-www-form-urlencoded' };

    // Act
    const foreign = await rawRequest(url, {
      method: 'POST',
      headers: { ...form, Origin: 'http://evil.example' },
      body: 'yes=yes',
    });
    const noToken = await rawRequest(url, { method: 'POST', headers: { ...form, Origin: origin }, body: 'yes=yes' });
    const byGet = await rawRequest(url, {});

    // Assess
    expect(foreign.status).toBe(403);
    expect(noToken.status).toBe(403);
    expect(byGet.status).toBe(404);
    expect(await stack.services.children.get(childId)).not.toBeNull();
  });
});

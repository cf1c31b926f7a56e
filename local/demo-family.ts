// The demo a new user sees on the first `npm start`: one fictional family, and the sample mail in
// examples/ sent over the real SMTP listener to the child's address, as a parent would forward it.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTransport } from 'nodemailer';
import { registerChild } from '../shared/replies/welcome';
import type { LocalStack } from './stack';

export const DEMO_FAMILY = {
  name: 'Lena',
  guardians: ['demo.parent@example.com'],
  timeZone: 'America/Los_Angeles',
  state: 'CA',
} as const;

export const EXAMPLES_DIR = fileURLToPath(new URL('../examples/', import.meta.url));

export function exampleFiles(dir = EXAMPLES_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((name) => join(dir, name));
}

/** What happened to each file sent over SMTP. */
export interface SmtpSendReport {
  sent: number;
  failed: Array<{ file: string; reason: string }>;
}

/** Sends raw messages over SMTP to one address, from the given envelope sender, on one pooled connection. */
export async function sendOverSmtp(options: {
  host: string;
  port: number;
  from: string;
  to: string;
  files: string[];
}): Promise<SmtpSendReport> {
  const transport = createTransport({
    host: options.host,
    port: options.port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: 1,
  });
  const report: SmtpSendReport = { sent: 0, failed: [] };
  try {
    for (const file of options.files) {
      try {
        await transport.sendMail({ envelope: { from: options.from, to: [options.to] }, raw: readFileSync(file) });
        report.sent += 1;
      } catch (error) {
        report.failed.push({ file: basename(file), reason: error instanceof Error ? error.message : String(error) });
      }
    }
    return report;
  } finally {
    transport.close();
  }
}

export async function seedDemoFamily(
  stack: LocalStack,
): Promise<{ childId: string; address: string } & SmtpSendReport> {
  const child = await registerChild(stack.services, { ...DEMO_FAMILY, guardians: [...DEMO_FAMILY.guardians] });
  const report = await sendOverSmtp({
    host: stack.config.host === '0.0.0.0' || stack.config.host === '::' ? '127.0.0.1' : stack.config.host,
    port: stack.ports.smtp,
    from: DEMO_FAMILY.guardians[0],
    to: child.inboundAddress,
    files: exampleFiles(),
  });
  return { childId: child.id, address: child.inboundAddress, ...report };
}

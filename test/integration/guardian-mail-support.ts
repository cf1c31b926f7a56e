// Shared by the reply and command suites: the services with guardian mail on, over the same local
// stand-ins the ingest suites use (ingest-local-servers.ts), and the mails a family would send.
import { expect } from 'vitest';
import type { ServicesDeps } from '../../shared/composition/use-case-deps';
import { composeUseCases, type UseCases } from '../../shared/composition/use-cases';
import { type Clock, fixedClock } from '../../shared/ports/clock';
import { registerChild } from '../../shared/replies/welcome';
import type { Child } from '../../shared/store/families';
import { attachmentLines } from '../support/mail-with-attachments';
import { TEST_SIGNING_SECRET, testServicesDeps } from '../support/services-deps';
import type { LocalServers, SentMail } from './ingest-local-servers';

export const NOW = '2026-11-06T17:00:00Z';
export const SECRET = TEST_SIGNING_SECRET;
export const GUARDIAN = 'jordan.parent@example.com';
export const SECOND_GUARDIAN = 'sam.parent@example.com';
export const PROVIDER = 'jlee@district.k12.ca.us';

export type OutboxMail = SentMail & {
  attachments?: Array<{ filename: string; contentType: string; content: string; size: number }>;
};

export function guardianServices(servers: LocalServers, overrides: Partial<ServicesDeps> = {}): UseCases {
  return composeUseCases(testServicesDeps(servers, { clock: fixedClock(NOW), ...overrides }));
}

export function clockAt(iso: string): Clock {
  return fixedClock(iso);
}

const crlf = (text: string) => new TextEncoder().encode(text.replace(/\r?\n/g, '\r\n'));
let counter = 0;
const nextId = (prefix: string) => `${prefix}-${Date.now()}-${++counter}@example.com`;

/** A five-row log whose service and status are in codes no vocabulary knows: nothing in it can be recorded. */
export const CODED_LOG = `Here is the log for October.

Date\tSvc\tCd\tMin
10/05/2026\tZQ\tK7\t30
10/07/2026\tZQ\tK7\t30
10/12/2026\tZQ\tR2\t0
10/14/2026\tZQ\tK7\t30
10/19/2026\tZQ\tK7\t25`;

/** Each row of CODED_LOG as the answer quotes it, and the reply line it suggests. */
export const CODED_LOG_NOT_READ = [
  ['10/05/2026 | ZQ | K7 | 30', 'add 10/5/2026 SERVICE 30 min'],
  ['10/07/2026 | ZQ | K7 | 30', 'add 10/7/2026 SERVICE 30 min'],
  ['10/12/2026 | ZQ | R2 | 0', 'add 10/12/2026 SERVICE MINUTES min'],
  ['10/14/2026 | ZQ | K7 | 30', 'add 10/14/2026 SERVICE 30 min'],
  ['10/19/2026 | ZQ | K7 | 25', 'add 10/19/2026 SERVICE 25 min'],
] as const;

/** A guardian forwarding a provider's note about three sessions this week. */
export function forwardedLog(options: { from?: string; to: string; text?: string; signature?: string }): Uint8Array {
  const from = options.from ?? GUARDIAN;
  return crlf(`From: Parent <${from}>
To: ${options.to}
Subject: Fwd: UseCases this week
Date: Thu, 05 Nov 2026 19:00:00 -0800
Message-ID: <${nextId('fwd')}>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

FYI

---------- Forwarded message ---------
From: Jane Lee <${PROVIDER}>
Date: Thu, Nov 5, 2026 at 3:10 PM
Subject: UseCases this week
To: Parent <${from}>

${
  options.text ??
  `Hi! Maya had speech on Monday 11/2 for 30 minutes in a small group in the speech room.
On Tuesday 11/3 she had OT for 45 minutes, individual, in the classroom.
On Wednesday 11/4 she had speech for 30 minutes in a small group.`
}

${options.signature ?? 'Jane Lee, CCC-SLP'}
`);
}

/** A guardian's reply with quoted history under it, as phone mail apps send it. */
export function replyMail(options: { from?: string; to: string; lines: string; subject?: string; headers?: string }) {
  return crlf(`From: Parent <${options.from ?? GUARDIAN}>
To: ${options.to}
Subject: ${options.subject ?? 'Re: Recorded for Maya'}
Date: Fri, 06 Nov 2026 08:30:00 -0800
Message-ID: <${nextId('reply')}>
${options.headers ?? ''}MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

${options.lines}

On Thu, Nov 5, 2026 at 7:01 PM Tracker <tracker@example.org> wrote:
> Recorded for Maya: 3 items.
> 1. Mon Nov 2 · Speech-language · 30 min
> Is this right? Reply to this email with:
`);
}

/** A direct mail (a command, or a provider writing straight to the address). */
export function directMail(options: { from: string; to: string; subject: string; text?: string }) {
  return crlf(`From: Someone <${options.from}>
To: ${options.to}
Subject: ${options.subject}
Date: Fri, 06 Nov 2026 08:30:00 -0800
Message-ID: <${nextId('direct')}>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

${options.text ?? ''}
`);
}

export async function newFamily(services: UseCases, name = 'Maya'): Promise<Child> {
  return registerChild(services, {
    name,
    guardians: [GUARDIAN, SECOND_GUARDIAN],
    timeZone: 'America/Los_Angeles',
    state: 'ca',
  });
}

/** The Reply-To of the last mail to `to` in the outbox. */
export async function lastReplyTo(servers: LocalServers, to = GUARDIAN): Promise<string> {
  const mails = (await servers.outbox()).filter((mail) => mail.destination.to.some((a) => a.includes(to)));
  const replyTo = mails[mails.length - 1]?.replyTo[0] ?? '';
  expect(replyTo).toContain('+');
  return replyTo.replace(/^.*</, '').replace(/>.*$/, '');
}

/** Every mail in the outbox went to guardians of some child in `children` only. */
export async function expectOnlyGuardiansMailed(servers: LocalServers, guardians: string[]): Promise<void> {
  for (const mail of (await servers.outbox()) as OutboxMail[]) {
    for (const to of mail.destination.to) {
      const address = to.replace(/^.*</, '').replace(/>.*$/, '').toLowerCase();
      expect(guardians).toContain(address);
    }
  }
}

/**
 * A forward cut off in transit (its closing boundary missing) whose services.pdf is really a web
 * page and whose second, a PDF in name only, has no file name: three things the answer says could
 * not be read, the file without a name told by its place.
 */
export function unreadableForward(options: { from?: string; to: string }): Uint8Array {
  const body = attachmentLines([
    { name: 'services.pdf', type: 'application/pdf', bytes: Buffer.from('<html>Session log</html>') },
    { name: null, type: 'application/pdf', bytes: Buffer.from([1, 2, 3, 0, 5, 6, 7, 8]) },
  ]).filter((line) => line !== '--b1--');
  return Buffer.from(
    [
      `From: Parent <${options.from ?? GUARDIAN}>`,
      `To: ${options.to}`,
      'Subject: Fwd: servicios',
      'Date: Wed, 04 Nov 2026 08:00:00 -0800',
      'Message-ID: <not-a-pdf@example.com>',
      'MIME-Version: 1.0',
      ...body,
    ].join('\r\n'),
  );
}

/** Those problems' lines in the answer to a family that reads Spanish. */
export const UNREADABLE_FORWARD_ES = [
  '- Parece que el mensaje llegó cortado; se leyó lo que llegó.',
  '- el archivo adjunto services.pdf no es un PDF de verdad, así que no se pudo leer',
  '- el archivo adjunto sin nombre (2.º adjunto) no es un PDF de verdad, así que no se pudo leer',
].join('\n');

/** Where the answer to a family that reads Spanish says the file without a name was. */
export const UNNAMED_WHERE_ES = 'en el PDF sin nombre (2.º adjunto)';

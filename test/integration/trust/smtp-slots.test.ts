// Finding 7: the local SMTP listener's connection slots. Twenty idle connections used to give every
// other client 421, and a NOOP now and then held a slot for ever. Now a client address holds at
// most its own share, the listener a total, and a connection that moves no mail is closed.
// Clients here connect from distinct loopback addresses (127.0.0.2, .3 ...), as other machines would.
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLocalConfig } from '../../../local/config';
import { type LocalStack, startLocalStack } from '../../../local/stack';
import { SMTP_LIMITS } from '../../../shared/limits';

const running: Array<{ stack: LocalStack; dir: string }> = [];
afterAll(async () => {
  for (const { stack, dir } of running) {
    await stack.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

async function stackWith(settings: Record<string, string>): Promise<LocalStack> {
  const dir = await mkdtemp(join(tmpdir(), 'iep-smtp-slots-'));
  const stack = await startLocalStack(
    readLocalConfig(
      { IEP_DATA_DIR: dir, IEP_SMTP_PORT: '0', IEP_OUTBOX_PORT: '0', IEP_DYNAMO_PORT: '0', IEP_DEMO: '0', ...settings },
      process.cwd(),
    ),
  );
  running.push({ stack, dir });
  return stack;
}

/** A raw SMTP connection from `localAddress`: what the server said, and whether it closed. */
interface Session {
  socket: Socket;
  /** Every reply line so far. */
  lines: string[];
  closed: Promise<void>;
  /** Resolves with the first reply line (the greeting, 220, or a refusal, 421). */
  greeting: Promise<string>;
}

const sessions: Session[] = [];
afterAll(() => {
  for (const session of sessions) session.socket.destroy();
});

function open(port: number, localAddress: string): Session {
  const socket = connect({ host: '127.0.0.1', port, localAddress });
  const lines: string[] = [];
  let buffered = '';
  let greeted: (line: string) => void = () => {};
  const greeting = new Promise<string>((resolve) => {
    greeted = resolve;
  });
  socket.setEncoding('utf8');
  socket.on('data', (text: string) => {
    buffered += text;
    let end = buffered.indexOf('\r\n');
    while (end >= 0) {
      lines.push(buffered.slice(0, end));
      if (lines.length === 1) greeted(lines[0] as string);
      buffered = buffered.slice(end + 2);
      end = buffered.indexOf('\r\n');
    }
  });
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  closed.then(() => greeted('(closed without a reply)'));
  const session = { socket, lines, closed, greeting };
  sessions.push(session);
  return session;
}

/** Sends one message from `localAddress`; resolves with the server's answer or rejects with its refusal. */
async function sendFrom(stack: LocalStack, localAddress: string): Promise<string> {
  const transport = createTransport({ host: '127.0.0.1', port: stack.ports.smtp, ignoreTLS: true, localAddress });
  try {
    const info = await transport.sendMail({
      from: 'someone@example.org',
      to: 'nobody-aaaaaaaaaaaaaaaa@inbound.localhost',
      subject: 'hello',
      text: 'hello',
    });
    return info.response;
  } finally {
    transport.close();
  }
}

const code = (line: string) => line.slice(0, 3);

describe('finding 7: SMTP slots', { timeout: 120_000 }, () => {
  it(`one client address holding ${SMTP_LIMITS.maxClientsPerAddress} idle connections locks out only itself`, async () => {
    // Prepare
    const stack = await stackWith({});
    const held = Array.from({ length: SMTP_LIMITS.maxClientsPerAddress }, () => open(stack.ports.smtp, '127.0.0.2'));
    const heldGreetings = await Promise.all(held.map((session) => session.greeting));

    // Act
    const oneMore = await open(stack.ports.smtp, '127.0.0.2').greeting;
    const other = await open(stack.ports.smtp, '127.0.0.3').greeting;
    const mail = await sendFrom(stack, '127.0.0.4');

    // Assess
    expect(heldGreetings.map(code)).toEqual(held.map(() => '220'));
    expect(oneMore).toMatch(/^421 .*Too many connections from your address/);
    expect(code(other)).toBe('220');
    expect(code(mail)).toBe('250');
  });

  it('refuses with 421 past the total, from whatever addresses (IEP_SMTP_MAX_CLIENTS)', async () => {
    // Prepare
    const stack = await stackWith({ IEP_SMTP_MAX_CLIENTS: '6', IEP_SMTP_MAX_CLIENTS_PER_ADDRESS: '3' });
    const held = ['127.0.0.2', '127.0.0.2', '127.0.0.2', '127.0.0.3', '127.0.0.3', '127.0.0.3'].map((from) =>
      open(stack.ports.smtp, from),
    );
    const heldGreetings = await Promise.all(held.map((session) => session.greeting));

    // Act
    const seventh = await open(stack.ports.smtp, '127.0.0.4').greeting;

    // Assess
    expect(heldGreetings.map(code)).toEqual(held.map(() => '220'));
    expect(seventh).toMatch(/^421 .*Too many connected clients/);
  });

  // Well past the idle second, well short of the library's own default of a minute.
  describe('with IEP_SMTP_IDLE_SECONDS=1', { timeout: 20_000 }, () => {
    let stack: LocalStack;
    beforeAll(async () => {
      stack = await stackWith({ IEP_SMTP_IDLE_SECONDS: '1' });
    }, 120_000);

    it('closes a connection that says nothing with 421', async () => {
      // Prepare
      const silent = open(stack.ports.smtp, '127.0.0.2');

      // Act
      await silent.closed;

      // Assess
      expect(code(silent.lines[0] ?? '')).toBe('220');
      expect(silent.lines.at(-1)).toMatch(/^421 /);
    });

    it('closes a connection that only sends NOOP, however often', async () => {
      // Prepare
      const chatty = open(stack.ports.smtp, '127.0.0.2');
      await chatty.greeting;
      chatty.socket.write('EHLO chatty.example\r\n');

      // Act: a NOOP every 200 ms, five for every idle second, until the server hangs up.
      const noops = setInterval(() => chatty.socket.write('NOOP\r\n'), 200);
      await chatty.closed;
      clearInterval(noops);

      // Assess
      expect(chatty.lines.filter((line) => line.startsWith('250 ') && line.includes('OK')).length).toBeGreaterThan(1);
      expect(chatty.lines.at(-1)).toMatch(/^421 .*Idle too long/);
    });

    it('does not cut off a message that takes longer than the idle time to arrive', async () => {
      // Prepare
      const slow = open(stack.ports.smtp, '127.0.0.2');
      await slow.greeting;
      const say = async (line: string) => {
        const before = slow.lines.length;
        slow.socket.write(`${line}\r\n`);
        while (slow.lines.length === before) await new Promise((resolve) => setTimeout(resolve, 20));
        return slow.lines.at(-1) as string;
      };

      // Act: the body trickles in over about three idle periods.
      await say('HELO slow.example');
      await say('MAIL FROM:<someone@example.org>');
      await say('RCPT TO:<nobody-aaaaaaaaaaaaaaaa@inbound.localhost>');
      const data = await say('DATA');
      slow.socket.write('From: someone@example.org\r\nSubject: slow\r\n\r\n');
      for (let i = 0; i < 12; i++) {
        slow.socket.write(`line ${i}\r\n`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const accepted = await say('.');

      // Assess
      expect(code(data)).toBe('354');
      expect(code(accepted)).toBe('250');
    });
  });
});

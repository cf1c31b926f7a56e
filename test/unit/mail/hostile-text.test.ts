// Any text at all goes into the forward and reply scanners: they must finish quickly and never throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forwardedHtml, htmlAsText, nestsTooDeep } from '../../../shared/mail/html-as-text';
import { readMessage } from '../../../shared/mail/read-message';
import { stripReply } from '../../../shared/mail/strip-reply';
import { unwrapForward } from '../../../shared/mail/unwrap-forward';

// Pieces mail is made of, so random text often looks like headers, separators and quotes.
const piece = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '\n',
    '\r\n',
    '> ',
    '>>',
    'From: ',
    'Sent: ',
    'To: ',
    'Subject: ',
    'Date: ',
    ' <a@b.org>',
    'On Tue, 1 Mar 2011, ',
    ' wrote:',
    '---------- Forwarded message ---------',
    'Begin forwarded message:',
    '________________________________',
    '-----Original Message-----',
    '"',
    '<',
    '>',
    '@',
    ':',
    '\u00a0',
  ),
);
const mailish = fc.array(piece, { maxLength: 200 }).map((parts) => parts.join(''));

describe('the forward and reply scanners on hostile text', () => {
  it('unwrapForward and stripReply never throw and finish on any text', () => {
    fc.assert(
      fc.property(mailish, fc.option(fc.string(), { nil: undefined }), (text, subject) => {
        const started = performance.now();
        const found = unwrapForward(text, subject);
        const own = stripReply(text);
        expect(typeof found.forwarded).toBe('boolean');
        expect(typeof own).toBe('string');
        expect(performance.now() - started).toBeLessThan(1000);
      }),
      { numRuns: 500 },
    );
  });

  it('a long run of header-looking lines is scanned in linear time', () => {
    // Prepare
    const text = `${'From: a <a@b.org>\n> On x, <a@b.org> wrote:\n'.repeat(20_000)}end`;

    // Act
    const started = performance.now();
    unwrapForward(text, 'FW: x');
    stripReply(text);

    // Assess
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('readMessage on hostile bytes', () => {
  const mimePiece = fc.oneof(
    fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString('latin1')),
    fc.constantFrom(
      'From: a <a@b.org>\r\n',
      'Subject: Fwd: x\r\n',
      'Date: Tue, 6 Oct 2026 15:00:00 -0700\r\n',
      'MIME-Version: 1.0\r\n',
      'Content-Type: multipart/mixed; boundary="b"\r\n',
      'Content-Type: message/rfc822\r\n',
      'Content-Type: text/html; charset=windows-1252\r\n',
      'Content-Transfer-Encoding: base64\r\n',
      'Content-Transfer-Encoding: quoted-printable\r\n',
      '\r\n',
      '--b\r\n',
      '--b--\r\n',
      '=E9=\r\n',
      '<div class="gmail_quote"><a href="mailto:%ZZ">x</a>',
      '---------- Forwarded message ---------\r\n',
    ),
  );
  const message = fc.array(mimePiece, { maxLength: 60 }).map((parts) => Buffer.from(parts.join(''), 'latin1'));

  it('never throws and always answers with the reading shape', async () => {
    await fc.assert(
      fc.asyncProperty(message, async (bytes) => {
        const read = await readMessage(bytes);
        expect(Array.isArray(read.problems)).toBe(true);
        expect(typeof read.text).toBe('string');
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});

describe('HTML nested beyond real markup', () => {
  it('is not walked: conversion and locating answer at once', () => {
    // Prepare
    const deep = `${'<div>'.repeat(200_000)}From: a@b.org${'</div>'.repeat(200_000)}`;

    // Act
    const started = performance.now();
    const text = htmlAsText(deep);
    const located = forwardedHtml(deep, { address: 'a@b.org', name: null }, 'x');

    // Assess
    expect(text).toBe('');
    expect(located).toBeNull();
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('ordinary markup with unclosed paragraphs is still read', () => {
    expect(nestsTooDeep('<p>x'.repeat(10_000))).toBe(false);
    expect(htmlAsText('<p>Hello<p>World')).toBe('Hello\n\nWorld');
  });
});

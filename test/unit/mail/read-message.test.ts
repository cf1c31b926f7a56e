import { describe, expect, it } from 'vitest';
import { authoredOn, noteOn } from '../../../shared/mail/authored-on';
import { readMessage } from '../../../shared/mail/read-message';
import { unnamedFileOf } from '../../../shared/mail/unnamed-attachment';
import { alternativeMessage, crlf, mixedMessage, plainMessage } from './mime-builders';

const tz = 'America/Los_Angeles';

describe('readMessage', () => {
  it('a Gmail forward is read as the original author, with the parent note dated by the outer message', async () => {
    // Prepare
    const plain = [
      'Can you log this one?',
      '',
      '---------- Forwarded message ---------',
      'From: Jennifer Okafor <JOkafor@oakviewusd.org>',
      'Date: Fri, Oct 2, 2026 at 3:20 PM',
      'Subject: Speech update',
      'To: Ana Rivera <ana.rivera@example.com>',
      '',
      '',
      'Hi Ana, Maya had speech today, 30 minutes.',
      '',
      'Jennifer',
    ].join('\n');
    const bytes = plainMessage(
      {
        from: 'Ana Rivera <ana.rivera@example.com>',
        subject: 'Fwd: Speech update',
        date: 'Sat, 3 Oct 2026 08:00:00 -0700',
      },
      plain,
    );

    // Act
    const read = await readMessage(bytes);

    // Assess
    expect(read.forwarded).toBe(true);
    expect(read.author).toEqual({ address: 'JOkafor@oakviewusd.org', name: 'Jennifer Okafor' });
    expect(read.subject).toBe('Speech update');
    expect(read.text).toBe('Hi Ana, Maya had speech today, 30 minutes.\n\nJennifer');
    expect(read.note?.text).toBe('Can you log this one?');
    expect(authoredOn(read, tz)).toBe('2026-10-02');
    expect(noteOn(read, tz)).toBe('2026-10-03');
  });

  it('a Gmail forward whose plain part lost the separator line is found through the HTML', async () => {
    // Prepare
    const plain =
      'From: Jennifer Okafor <jokafor@oakviewusd.org>\nDate: Fri, Oct 2, 2026 at 3:20 PM\n\nMaya had speech.';
    const html =
      '<div dir="ltr"><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>' +
      'From: <strong class="gmail_sendername">Jennifer Okafor</strong> <span>&lt;<a href="mailto:jokafor@oakviewusd.org">jokafor@oakviewusd.org</a>&gt;</span><br>' +
      'Date: Fri, Oct 2, 2026 at 3:20 PM<br>Subject: Speech<br>To: &lt;ana.rivera@example.com&gt;<br></div><br><br>' +
      '<div dir="ltr"><table><tr><td>Date</td><td>Minutes</td></tr><tr><td>10/1</td><td>30</td></tr></table></div></div></div>';
    const bytes = alternativeMessage(
      { from: 'ana.rivera@example.com', subject: 'Speech', date: 'Sat, 3 Oct 2026 08:00:00 -0700' },
      plain,
      html,
    );

    // Act
    const read = await readMessage(bytes);

    // Assess
    expect(read.author?.address).toBe('jokafor@oakviewusd.org');
    expect(read.html).toContain('<table>');
    expect(read.html).not.toContain('Forwarded message');
  });

  it('an Outlook forward (From/Sent block under FW:) is read as the original author, the Sent time in the child zone', async () => {
    // Prepare
    const plain = [
      'FYI',
      '',
      '________________________________',
      'From: Daniel Nguyen <dnguyen@oakviewusd.org>',
      'Sent: Wednesday, November 4, 2026 11:52 PM',
      'To: Luis Rivera <luis.rivera@example.com>',
      'Subject: OT today',
      '',
      'I could not see Maya for OT today.',
    ].join('\n');
    const bytes = plainMessage(
      { from: 'luis.rivera@example.com', subject: 'FW: OT today', date: 'Thu, 5 Nov 2026 09:00:00 +0000' },
      plain,
    );

    // Act
    const read = await readMessage(bytes);

    // Assess
    expect(read.author?.address).toBe('dnguyen@oakviewusd.org');
    expect(read.authoredAt.dateText).toBe('Wednesday, November 4, 2026 11:52 PM');
    expect(authoredOn(read, tz)).toBe('2026-11-04');
  });

  it('an Apple Mail forward quoted with ">" from "Begin forwarded message:" on is still the forward', async () => {
    // Prepare
    const plain = [
      'Meeting moved',
      '',
      'Sent from my iPhone',
      '',
      '> Begin forwarded message:',
      '> ',
      '> From: Gloria Padilla <gpadilla@oakviewusd.org>',
      '> Date: November 2, 2026 at 8:05:40 AM PST',
      '> To: Luis Rivera <luis.rivera@example.com>',
      '> Subject: IEP meeting date change',
      '> ',
      '> The meeting has been moved to Tuesday, November 17.',
      '> ',
      '> Gloria',
    ].join('\n');
    const bytes = plainMessage(
      {
        from: 'luis.rivera@example.com',
        subject: 'Fwd: IEP meeting date change',
        date: 'Mon, 2 Nov 2026 09:00:00 -0800',
      },
      plain,
    );

    // Act
    const read = await readMessage(bytes);

    // Assess
    expect(read.author?.address).toBe('gpadilla@oakviewusd.org');
    expect(read.text).toBe('The meeting has been moved to Tuesday, November 17.\n\nGloria');
    expect(read.note?.text).toBe('Meeting moved\n\nSent from my iPhone');
    expect(read.authoredAt.instant?.toISOString()).toBe('2026-11-02T16:05:40.000Z');
  });

  it('a forward sent as a message/rfc822 attachment is read from the attached message, attachments of both levels kept', async () => {
    // Prepare
    const inner = crlf([
      'From: Daniel Nguyen <dnguyen@oakviewusd.org>',
      'To: ana.rivera@example.com',
      'Subject: OT make-up done',
      'Date: Fri, 6 Nov 2026 00:30:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="in-1"',
      '',
      '--in-1',
      'Content-Type: text/plain; charset="UTF-8"',
      '',
      'I made up the missed OT session this morning.',
      '--in-1',
      'Content-Type: text/csv; name="log.csv"',
      'Content-Disposition: attachment; filename="log.csv"',
      '',
      'date,minutes',
      '2026-11-05,30',
      '--in-1--',
      '',
    ]);
    const bytes = mixedMessage(
      { from: 'ana.rivera@example.com', subject: 'Fwd: OT make-up done', date: 'Fri, 6 Nov 2026 18:00:00 -0800' },
      'For the log.',
      [
        [
          'Content-Type: message/rfc822; name="OT make-up done.eml"',
          'Content-Disposition: attachment; filename="OT make-up done.eml"',
          '',
          inner,
        ],
        [
          'Content-Type: application/pdf; name="notes.pdf"',
          'Content-Disposition: inline; filename="notes.pdf"',
          'Content-Transfer-Encoding: base64',
          '',
          'JVBERi0xLjQK',
        ],
      ],
    );

    // Act
    const read = await readMessage(bytes);

    // Assess
    expect(read.forwarded).toBe(true);
    expect(read.author?.address).toBe('dnguyen@oakviewusd.org');
    expect(read.text).toBe('I made up the missed OT session this morning.');
    expect(read.note?.text).toBe('For the log.');
    // The Date header is an instant: 00:30 UTC on the 6th is the evening of the 5th in California.
    expect(authoredOn(read, tz)).toBe('2026-11-05');
    expect(read.attachments.map((a) => [a.filename, a.disposition]).sort()).toEqual([
      ['log.csv', 'attachment'],
      ['notes.pdf', 'inline'],
    ]);
  });

  it('an attachment without a file name is named by its place among the attachments and its declared kind', async () => {
    // Prepare: a named CSV, a PDF with no name, a blank name on a spreadsheet, an empty file with no name
    const part = (headers: string[], base64: string) => [...headers, 'Content-Transfer-Encoding: base64', '', base64];
    const bytes = mixedMessage(
      { from: 'ana.rivera@example.com', subject: 'Fwd: logs', date: 'Fri, 6 Nov 2026 18:00:00 -0800' },
      'Logs attached.',
      [
        part(['Content-Type: text/csv; name="log.csv"', 'Content-Disposition: attachment; filename="log.csv"'], 'YQ=='),
        part(['Content-Type: application/pdf', 'Content-Disposition: attachment'], 'JVBERi0xLjQK'),
        part(
          [
            'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'Content-Disposition: attachment; filename=" "',
          ],
          'UEsDBA==',
        ),
        part(['Content-Type: application/octet-stream', 'Content-Disposition: attachment'], ''),
      ],
    );

    // Act
    const read = await readMessage(bytes);

    // Assess
    expect(read.attachments.map((a) => a.filename)).toEqual([
      'log.csv',
      '(no name: attachment 2, pdf)',
      '(no name: attachment 3, spreadsheet)',
      '(no name: attachment 4, file)',
    ]);
    expect(read.problems).toContainEqual({ key: 'attachmentEmpty', file: '(no name: attachment 4, file)' });
    expect(unnamedFileOf('(no name: attachment 2, pdf)')).toEqual({ position: 2, kind: 'pdf' });
    // A name a sender wrote to look like one of these is still a name to us only if it is not exactly the form.
    expect(unnamedFileOf('(no name: attachment 2, pdf).pdf')).toBeNull();
  });

  it('a nested forward is read as its innermost author, and only the last forwarder note is kept', async () => {
    // Prepare
    const plain = [
      'Luis, see below',
      '',
      '---------- Forwarded message ---------',
      'From: Theresa Kowalski <tkowalski@oakviewusd.org>',
      'Date: Wed, Nov 4, 2026 at 2:30 PM',
      'Subject: FW: OT today',
      'To: Luis Rivera <luis.rivera@example.com>',
      '',
      'Please see Daniel’s note below.',
      '',
      'From: Daniel Nguyen <dnguyen@oakviewusd.org>',
      'Sent: Wednesday, November 4, 2026 1:52 PM',
      'To: Theresa Kowalski <tkowalski@oakviewusd.org>',
      'Subject: OT today',
      '',
      'I was not able to see Maya for OT today.',
    ].join('\n');
    const bytes = plainMessage(
      { from: 'luis.rivera@example.com', subject: 'Fwd: FW: OT today', date: 'Wed, 4 Nov 2026 18:55:09 -0800' },
      plain,
    );

    // Act
    const read = await readMessage(bytes);

    // Assess
    expect(read.author?.address).toBe('dnguyen@oakviewusd.org');
    expect(read.subject).toBe('OT today');
    expect(read.text).toBe('I was not able to see Maya for OT today.');
    expect(read.note?.text).toBe('Luis, see below');
    expect(read.text).not.toContain('Please see');
  });

  it('a windows-1252 quoted-printable body keeps its dashes, quotes and accents', async () => {
    // Prepare
    const raw = crlf([
      'From: Gabriela Tran <gtran@pvisd.net>',
      'To: marisa.guzman@example.org',
      'Subject: Consent received',
      'Date: Wed, 7 Oct 2026 09:31:00 -0500',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset="windows-1252"',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Se=F1ora Guzm=E1n =96 we received the =93Notice of Evaluation=94 consent.',
    ]);

    // Act
    const read = await readMessage(Buffer.from(raw, 'latin1'));

    // Assess
    expect(read.text).toBe('Señora Guzmán – we received the “Notice of Evaluation” consent.');
  });

  it('a truncated multipart message gives what arrived and says it looks cut off', async () => {
    // Prepare
    const raw = crlf([
      'From: Jennifer Okafor <jokafor@oakviewusd.org>',
      'To: ana.rivera@example.com',
      'Subject: Speech log',
      'Date: Tue, 6 Oct 2026 15:00:00 -0700',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="cut-1"',
      '',
      '--cut-1',
      'Content-Type: text/plain; charset="UTF-8"',
      '',
      'Speech log attached.',
      '--cut-1',
      'Content-Type: application/pdf; name="log.pdf"',
      'Content-Disposition: attachment; filename="log.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      'JVBERi0xLjQKJcfs',
    ]);

    // Act
    const read = await readMessage(Buffer.from(raw, 'latin1'));

    // Assess
    expect(read.author?.address).toBe('jokafor@oakviewusd.org');
    expect(read.text).toBe('Speech log attached.');
    expect(read.problems).toContainEqual({ key: 'mailCutOff' });
  });

  it('a direct reply keeps the author text and drops the quoted history under it', async () => {
    // Prepare
    const plain = [
      'Hi Ana,',
      '',
      'Today I saw Maya for 30 minutes.',
      '',
      'Jennifer',
      '',
      'On Tue, Nov 3, 2026 at 8:12 AM Ana Rivera <ana.rivera@example.com>',
      'wrote:',
      '',
      '> Did Maya have speech on Monday?',
    ].join('\n');
    const bytes = plainMessage(
      { from: 'jokafor@oakviewusd.org', subject: 'Re: Speech', date: 'Tue, 3 Nov 2026 15:00:00 -0800' },
      plain,
    );

    // Act
    const read = await readMessage(bytes);

    // Assess
    expect(read.forwarded).toBe(false);
    expect(read.author?.address).toBe('jokafor@oakviewusd.org');
    expect(read.text).toBe('Hi Ana,\n\nToday I saw Maya for 30 minutes.\n\nJennifer');
    expect(read.note).toBeNull();
  });

  it('an Outlook reply (RE:) keeps its From/Sent block out of the author text instead of taking it for a forward', async () => {
    // Prepare
    const plain = [
      'Yes, I saw her yesterday for 30 minutes.',
      '',
      'From: Luis Rivera <luis.rivera@example.com>',
      'Sent: Wednesday, November 18, 2026 7:02 PM',
      'To: Daniel Nguyen <dnguyen@oakviewusd.org>',
      'Subject: OT this week?',
      '',
      'Did Maya have OT?',
    ].join('\n');
    const bytes = plainMessage(
      {
        from: 'Daniel Nguyen <dnguyen@oakviewusd.org>',
        subject: 'RE: OT this week?',
        date: 'Thu, 19 Nov 2026 11:20:00 -0800',
      },
      plain,
    );

    // Act
    const read = await readMessage(bytes);

    // Assess
    expect(read.forwarded).toBe(false);
    expect(read.author?.address).toBe('dnguyen@oakviewusd.org');
    expect(read.text).toBe('Yes, I saw her yesterday for 30 minutes.');
  });

  it('bytes that are not a message give an empty reading, never a throw', async () => {
    // Act
    const read = await readMessage(new Uint8Array([0, 255, 13, 10, 13, 10, 0]));

    // Assess
    expect(read.author).toBeNull();
    expect(read.attachments).toEqual([]);
  });

  it('an empty input says it was empty', async () => {
    // Act
    const read = await readMessage(new Uint8Array());

    // Assess
    expect(read.problems).toEqual([{ key: 'mailEmpty' }]);
  });
});

describe('readMessage with a name-only sender', () => {
  it('an Outlook forward that prints only the sender name takes the address from the mailto link in the HTML', async () => {
    // Prepare
    const plain =
      'FYI\n\nFrom: Daniel Nguyen\nSent: Wednesday, November 4, 2026 1:52 PM\nTo: Luis Rivera\nSubject: OT today\n\nNo OT today.';
    const html =
      '<div class="WordSection1"><p>FYI</p><div style="border:none;border-top:solid #E1E1E1 1.0pt">' +
      '<p><b>From:</b> <a href="mailto:dnguyen@oakviewusd.org">Daniel Nguyen</a><br><b>Sent:</b> Wednesday, November 4, 2026 1:52 PM<br>' +
      '<b>To:</b> Luis Rivera<br><b>Subject:</b> OT today</p></div><p>No OT today.</p></div>';
    const bytes = alternativeMessage(
      { from: 'luis.rivera@example.com', subject: 'FW: OT today', date: 'Wed, 4 Nov 2026 18:00:00 -0800' },
      plain,
      html,
    );

    // Act
    const read = await readMessage(bytes);

    // Assess
    expect(read.author).toEqual({ address: 'dnguyen@oakviewusd.org', name: 'Daniel Nguyen' });
    expect(read.problems).toEqual([]);
    expect(read.html).toContain('No OT today.');
  });
});

describe('readMessage on a delivery report', () => {
  it('a bounce carrying the returned message is not read as a forward of it', async () => {
    // Prepare
    const returned = crlf([
      'From: IEP Tracker <digest@inbound.example.org>',
      'To: nobody@example.com',
      'Subject: Your weekly digest',
      'Date: Fri, 6 Nov 2026 16:00:00 +0000',
      '',
      'Digest text.',
    ]);
    const raw = crlf([
      'From: Mail Delivery System <MAILER-DAEMON@mx.example.com>',
      'To: digest@inbound.example.org',
      'Subject: Undelivered Mail Returned to Sender',
      'Date: Fri, 6 Nov 2026 16:00:05 +0000',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="r"',
      '',
      '--r',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'Delivery failed.',
      '--r',
      'Content-Type: message/delivery-status',
      '',
      'Final-Recipient: rfc822; nobody@example.com',
      'Action: failed',
      '--r',
      'Content-Type: message/rfc822',
      'Content-Disposition: attachment',
      '',
      returned,
      '--r--',
      '',
    ]);

    // Act
    const read = await readMessage(Buffer.from(raw));

    // Assess
    expect(read.forwarded).toBe(false);
    expect(read.author?.address).toBe('MAILER-DAEMON@mx.example.com');
    expect(read.text).toContain('Delivery failed.');
    expect(read.text).not.toContain('Digest text.');
  });
});

describe('readMessage on a stub plain part', () => {
  it('a plain part that only says to view the HTML gives way to the HTML text', async () => {
    // Prepare
    const html = `<p>Dear families,</p><p>${'Maya had speech on Tuesday for 30 minutes in the speech room. '.repeat(5)}</p>`;
    const bytes = alternativeMessage(
      { from: 'portal@district.example.org', subject: 'Weekly services', date: 'Fri, 6 Nov 2026 16:00:00 +0000' },
      'This message is best viewed in an HTML mail client.',
      html,
    );

    // Act
    const read = await readMessage(bytes);

    // Assess
    expect(read.text).toContain('Maya had speech on Tuesday');
  });
});

describe('readMessage on HTML-only forwards', () => {
  function htmlOnly(subject: string, html: string): Buffer {
    return Buffer.from(
      crlf([
        'From: Marisa Guzman <marisa.guzman@example.org>',
        'To: elena-r4t7hx@inbound.example.org',
        `Subject: ${subject}`,
        'Date: Tue, 10 Nov 2026 08:00:00 -0600',
        'MIME-Version: 1.0',
        'Content-Type: text/html; charset="UTF-8"',
        '',
        html,
      ]),
      'utf8',
    );
  }

  it('an Outlook on the web forward (divRplyFwdMsg) is read as its original author, its table kept in the HTML', async () => {
    // Prepare
    const html =
      '<div>For the binder.</div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr">' +
      '<font face="Calibri" style="font-size:11pt"><b>From:</b> Rosa Peña &lt;rpena@pvisd.net&gt;<br><b>Sent:</b> Monday, November 9, 2026 4:05 PM<br>' +
      '<b>To:</b> Marisa Guzman &lt;marisa.guzman@example.org&gt;<br><b>Subject:</b> Speech minutes</font><div>&nbsp;</div></div>' +
      '<div><p>Hello Guzman family,</p><table><tr><th>Date</th><th>Minutes</th></tr><tr><td>11/9</td><td>20</td></tr></table></div>';

    // Act
    const read = await readMessage(htmlOnly('FW: Speech minutes', html));

    // Assess
    expect(read.author?.address).toBe('rpena@pvisd.net');
    expect(read.note?.text).toBe('For the binder.');
    expect(read.text).toContain('Hello Guzman family,');
    expect(read.html).toContain('<table>');
    expect(read.html).not.toContain('divRplyFwdMsg');
    expect(authoredOn(read, 'America/Chicago')).toBe('2026-11-09');
  });

  it('a Gmail forward with only an HTML part is read as its original author', async () => {
    // Prepare
    const html =
      '<div dir="ltr">fyi<br><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>' +
      'From: <strong class="gmail_sendername" dir="auto">Kendra Whitfield</strong> <span dir="auto">&lt;<a href="mailto:kwhitfield@pvisd.net">kwhitfield@pvisd.net</a>&gt;</span><br>' +
      'Date: Mon, Nov 9, 2026 at 3:05 PM<br>Subject: SDI minutes<br>To: &lt;<a href="mailto:marisa.guzman@example.org">marisa.guzman@example.org</a>&gt;<br></div><br><br>' +
      '<div dir="ltr">Hi Mrs. Guzman, here are the minutes.</div></div></div>';

    // Act
    const read = await readMessage(htmlOnly('Fwd: SDI minutes', html));

    // Assess
    expect(read.author?.address).toBe('kwhitfield@pvisd.net');
    expect(read.text).toBe('Hi Mrs. Guzman, here are the minutes.');
    expect(read.note?.text).toBe('fyi');
    expect(authoredOn(read, 'America/Chicago')).toBe('2026-11-09');
  });
});

describe('readMessage without a Date header', () => {
  it('a message with no Date is dated by the newest Received header', async () => {
    // Prepare
    const raw = crlf([
      'Received: from mx.district.example.org by mx.inbound.example.org; Tue, 6 Oct 2026 02:10:00 +0000',
      'Received: from app.district.example.org by mx.district.example.org; Tue, 6 Oct 2026 02:09:00 +0000',
      'From: PV Connect <no-reply@pvisd.net>',
      'To: elena-r4t7hx@inbound.example.org',
      'Subject: Service minutes',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset="UTF-8"',
      '',
      'Minutes report.',
    ]);

    // Act
    const read = await readMessage(Buffer.from(raw));

    // Assess
    expect(read.outer.date).toBeNull();
    expect(authoredOn(read, 'America/Chicago')).toBe('2026-10-05');
  });
});

describe('readMessage trust headers', () => {
  it('keeps the headers that decide trust and loops, lower-cased and on one line', async () => {
    // Prepare
    const raw = crlf([
      'From: Out of Office <ooo@pvisd.net>',
      'To: elena-r4t7hx@inbound.example.org',
      'Subject: Automatic reply',
      'Date: Tue, 6 Oct 2026 15:00:00 -0500',
      'Auto-Submitted: auto-replied',
      'Precedence: bulk',
      'List-Id: Cedar Ridge families',
      '  <families.cedarridge.example>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset="UTF-8"',
      '',
      'I am out of the office.',
    ]);

    // Act
    const read = await readMessage(Buffer.from(raw));

    // Assess
    expect(read.outer.headers['auto-submitted']).toBe('auto-replied');
    expect(read.outer.headers.precedence).toBe('bulk');
    expect(read.outer.headers['list-id']).not.toMatch(/[\r\n]/);
  });
});

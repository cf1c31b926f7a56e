import { describe, expect, it } from 'vitest';
import { parseReplyLine } from '../../../shared/commands/reply-grammar';
import { type ReadingProblem, UNNAMED_FILE } from '../../../shared/extract/reading-problem';
import { unreadAttachment } from '../../../shared/extract/unread-lines';
import {
  answerReplyExamples,
  renderAnswerEmail,
  renderForwardingVerification,
} from '../../../shared/render/answer-email';
import { escapeHtml, headerSafe } from '../../../shared/render/escape';
import { describeRecord } from '../../../shared/render/record-words';
import { wordingFor } from '../../../shared/render/wording';
import type { StoredRecord } from '../../../shared/store/records';

const meta = {
  childId: 'abcdefgh23',
  source: { messageKey: 'inbound/x.eml', part: 'body', line: 1, excerpt: null },
  confirmed: false,
  deleted: false,
  history: [],
  recordedAt: '2026-11-04T00:00:00.000Z',
  messageId: 'm',
  contentKey: 'k',
};

const session: StoredRecord = {
  ...meta,
  id: 'r1',
  kind: 'session',
  date: '2026-11-03',
  service: 'speech-language',
  minutes: 30,
  delivery: 'group',
  location: 'separate',
  status: 'delivered',
  reason: null,
};

const missed: StoredRecord = {
  ...meta,
  id: 'r2',
  kind: 'session',
  date: '2026-11-05',
  service: 'occupational-therapy',
  minutes: null,
  delivery: null,
  location: null,
  status: 'missed',
  reason: 'provider-absent',
};

function speechRequirement(start: string | null, end: string | null): StoredRecord {
  return {
    ...meta,
    id: 'r3',
    kind: 'requirement',
    service: 'speech-language',
    delivery: 'individual',
    sessions: 2,
    minutes: 30,
    totalMinutes: 60,
    per: 'week',
    location: 'separate',
    start,
    end,
  };
}

const HOSTILE = '<script>alert(1)</script>"\'&\r\nBcc: victim@example.com';

/** The answer to a message with these problems, in English and in Spanish. */
function answersWithProblems(problems: ReadingProblem[]) {
  const input = { childName: 'Sofía', subject: 'x', items: [], ignored: [], problems, unreadable: false };
  return { english: renderAnswerEmail(input, wordingFor('en')), spanish: renderAnswerEmail(input, wordingFor('es')) };
}

describe('record lines', () => {
  it('a delivered session reads as one short line', () => {
    expect(describeRecord(session)).toBe('Tue Nov 3 · Speech-language · 30 min · group · separate room · delivered');
  });

  it('a missed session says why, and leaves out what was not stated', () => {
    expect(describeRecord(missed)).toBe('Thu Nov 5 · Occupational therapy · missed (provider absent)');
  });

  it('a requirement reads as what the IEP requires', () => {
    const requirement = speechRequirement(null, null);
    expect(describeRecord(requirement)).toBe(
      'IEP requires · Speech-language · 2 × 30 min per week · individual · separate room',
    );
  });
});

describe('record lines in Spanish', () => {
  it('a session reads in Spanish, its day written as Intl writes it in US Spanish', () => {
    expect(describeRecord(session, 'es')).toBe(
      'mar, 3 de nov · Habla y lenguaje · 30 min · en grupo · fuera del salón · se dio',
    );
    expect(describeRecord(missed, 'es')).toBe('jue, 5 de nov · Terapia ocupacional · no se dio (faltó el terapeuta)');
  });

  it('a requirement and a date range read in Spanish', () => {
    const requirement: StoredRecord = {
      ...meta,
      id: 'r3',
      kind: 'requirement',
      service: 'occupational-therapy',
      delivery: 'individual',
      sessions: 1,
      minutes: 30,
      totalMinutes: 30,
      per: 'week',
      location: null,
      start: '2026-09-01',
      end: '2027-06-11',
    };
    expect(describeRecord(requirement, 'es')).toBe(
      'El PEI exige · Terapia ocupacional · 1 × 30 min a la semana · individual · del 1 sept al 11 jun',
    );
    const percent: StoredRecord = { ...meta, id: 'r4', kind: 'setting-percent', generalEducation: 80 };
    expect(describeRecord(percent, 'es')).toBe('Tiempo en educación general: 80 % del día');
  });

  it('every code has a word in each language, the same codes in both', async () => {
    const { RECORD_WORDS } = await import('../../../shared/render/record-words');
    for (const table of Object.keys(RECORD_WORDS.en) as Array<keyof typeof RECORD_WORDS.en>) {
      expect(Object.keys(RECORD_WORDS.es[table]).sort(), table).toEqual(Object.keys(RECORD_WORDS.en[table]).sort());
    }
  });
});

describe('answer email', () => {
  it('numbers what was recorded and shows how to reply', () => {
    // Act
    const mail = renderAnswerEmail({
      childName: 'Maya',
      subject: 'Fwd: Speech today',
      items: [
        { record: session, alreadyRecorded: false },
        { record: missed, alreadyRecorded: false },
      ],
      ignored: [],
      unreadable: false,
    });
    // Assess
    expect(mail.subject).toBe('Recorded for Maya: 2 items · Fwd: Speech today');
    expect(mail.text).toContain('1. Tue Nov 3 · Speech-language · 30 min · group · separate room · delivered');
    expect(mail.text).toContain('2. Thu Nov 5 · Occupational therapy · missed (provider absent)');
    // The examples use this answer's own items: two entries, a session of speech on Nov 3.
    for (const example of [
      'ok: everything above is right',
      '1 student absent: item 1 was missed',
      '2 20 min: item 2 was 20 minutes',
      'delete 2: item 2 is wrong',
      'add 10/27 speech 30 min',
    ])
      expect(mail.text).toContain(example);
    expect(mail.text).not.toContain('delete 3');
    expect(mail.html).toContain('<ol>');
  });

  it('an answer with one item suggests only lines about item 1, each one the reply grammar reads', () => {
    // Act
    const rows = answerReplyExamples([{ record: session, alreadyRecorded: false }], wordingFor('en'));
    const spanish = answerReplyExamples([{ record: session, alreadyRecorded: false }], wordingFor('es'));

    // Assess
    expect(rows).toEqual([
      ['ok', 'the item above is right'],
      ['1 student absent', 'item 1 was missed because the student was absent'],
      ['1 20 min', 'item 1 was 20 minutes'],
      ['delete 1', 'item 1 is wrong: remove it'],
      ['add 10/27 speech 30 min', 'a session that is missing here (month/day)'],
    ]);
    expect(spanish.map(([line]) => line)).toEqual([
      'sí',
      '1 ausente',
      '1 20 min',
      'borrar 1',
      'agregar 10/27 habla 30 min',
    ]);
    expect([...rows, ...spanish].map(([line]) => parseReplyLine(line)?.kind)).toEqual([
      'confirm-all',
      'correct',
      'correct',
      'remove',
      'add-session',
      'confirm-all',
      'correct',
      'correct',
      'remove',
      'add-session',
    ]);
  });

  it('an answer of dates only suggests confirming and deleting, not session lines', () => {
    // Prepare
    const meeting: StoredRecord = {
      ...meta,
      id: 'r9',
      kind: 'date',
      type: 'meeting-scheduled',
      date: '2026-12-02',
      end: null,
    };

    // Act
    const rows = answerReplyExamples([{ record: meeting, alreadyRecorded: false }], wordingFor('en'));

    // Assess
    expect(rows.map(([line]) => line)).toEqual(['ok', 'delete 1']);
  });

  it('shows the year of a date outside the school year and of a range across years', () => {
    // Prepare
    const reevaluation: StoredRecord = {
      ...meta,
      id: 'r7',
      kind: 'date',
      type: 'reevaluation',
      date: '2028-09-15',
      end: null,
    };
    const plan = speechRequirement('2026-10-02', '2027-10-01');

    // Act
    const mail = renderAnswerEmail({
      childName: 'Maya',
      subject: 'IEP',
      items: [
        { record: reevaluation, alreadyRecorded: false },
        { record: plan, alreadyRecorded: false },
        { record: session, alreadyRecorded: false },
      ],
      ignored: [],
      unreadable: false,
      today: '2026-11-13',
    });

    // Assess
    expect(mail.text).toContain('1. Fri Sep 15, 2028 · Three-year reevaluation due');
    expect(mail.text).toContain('Oct 2, 2026 to Oct 1, 2027');
    expect(mail.text).toContain('3. Tue Nov 3 · Speech-language');
    expect(describeRecord(reevaluation)).toBe('Fri Sep 15 · Three-year reevaluation due');
  });

  it('says when everything was already recorded', () => {
    const mail = renderAnswerEmail({
      childName: 'Maya',
      subject: 'Fwd: Speech today',
      items: [{ record: session, alreadyRecorded: true }],
      ignored: [],
      unreadable: false,
    });
    expect(mail.subject).toContain('Already recorded for Maya');
    expect(mail.text).toContain('(already recorded)');
  });

  it('lists what was ignored and why', () => {
    const mail = renderAnswerEmail({
      childName: 'Maya',
      subject: 'PTA newsletter',
      items: [],
      ignored: [{ what: 'newsletter', why: "nothing about Maya's services" }],
      unreadable: false,
    });
    expect(mail.text).toContain("- newsletter: nothing about Maya's services");
    expect(mail.text).not.toContain('Reply to this email with');
  });

  it('lists problems met while reading, in their plain words', () => {
    const mail = renderAnswerEmail({
      childName: 'Maya',
      subject: 'x',
      items: [],
      ignored: [],
      problems: [{ key: 'pdfUnopened', file: 'log.pdf', why: 'damaged' }],
      unreadable: false,
    });
    expect(mail.text).toContain('Problems reading it:\n- the PDF log.pdf could not be opened: it is damaged');
    expect(mail.html).toContain('<li>the PDF log.pdf could not be opened: it is damaged</li>');
  });

  it('words each keyed problem in the family language, the English as it always was', () => {
    // Prepare
    const problems: ReadingProblem[] = [
      { key: 'pdfTooLarge', file: 'services.pdf', limitMb: 64 },
      { key: 'xlsxUnopened', file: 'log.xlsx', why: 'password' },
      { key: 'messageSlow' },
    ];

    // Act
    const { english, spanish } = answersWithProblems(problems);

    // Assess
    expect(english.text).toContain(
      [
        'Problems reading it:',
        '- the PDF services.pdf expands to more than 64 MB when opened, so it was not read',
        '- the spreadsheet log.xlsx could not be opened: it is protected with a password',
        '- reading this message took too long',
      ].join('\n'),
    );
    expect(spanish.text).toContain(
      [
        'Problemas al leerlo:',
        '- el PDF services.pdf ocupa más de 64 MB al abrirlo, así que no se leyó',
        '- no se pudo abrir la hoja de cálculo log.xlsx: el archivo está protegido con contraseña',
        '- leer este mensaje tardó demasiado',
      ].join('\n'),
    );
    expect(spanish.html).toContain('<li>el PDF services.pdf ocupa más de 64 MB al abrirlo, así que no se leyó</li>');
  });

  it("words the message's own problems, a finder's failure and an unnamed attachment in Spanish too", () => {
    // Prepare
    const problems: ReadingProblem[] = [
      { key: 'mailCutOff' },
      { key: 'attachmentsDropped', limit: 20, dropped: 3 },
      { key: 'forwardNoSender' },
      { key: 'partUnread', part: 'settingEvents' },
      { key: 'attachmentEmpty', file: UNNAMED_FILE },
    ];

    // Act
    const { english, spanish } = answersWithProblems(problems);

    // Assess
    expect(english.text).toContain(
      [
        '- The message looks cut off; what arrived was read.',
        '- The message had more than 20 attachments; 3 were not read.',
        '- The forwarded message does not show its sender’s address.',
        '- could not read the places the child spent the day in this message',
        '- the attachment (no name) was empty',
      ].join('\n'),
    );
    expect(spanish.text).toContain(
      [
        '- Parece que el mensaje llegó cortado; se leyó lo que llegó.',
        '- El mensaje traía más de 20 archivos adjuntos; 3 no se leyeron.',
        '- El mensaje reenviado no muestra la dirección de quien lo escribió.',
        '- no se pudo leer en este mensaje dónde pasó el día su hijo o hija',
        '- el archivo adjunto (sin nombre) estaba vacío',
      ].join('\n'),
    );
  });

  it('names an attachment that came without a name by what it is and its place, in the family language', () => {
    // Prepare: the 2nd attachment a PDF in name only, the 3rd an empty spreadsheet, the 11th and 22nd empty files
    const fake: ReadingProblem = { key: 'attachmentFake', file: '(no name: attachment 2, pdf)', kind: 'pdf' };
    const empty = (file: string): ReadingProblem => ({ key: 'attachmentEmpty', file });
    const problems = [
      fake,
      empty('(no name: attachment 3, spreadsheet)'),
      empty('(no name: attachment 11, file)'),
      empty('(no name: attachment 22, word)'),
    ];
    const unread = [
      unreadAttachment('(no name: attachment 2, pdf)', fake),
      unreadAttachment('(no name: attachment 3, spreadsheet)', empty('(no name: attachment 3, spreadsheet)')),
    ];
    const input = { childName: 'Sofía', subject: 'x', items: [], ignored: [], problems, unread, unreadable: false };

    // Act
    const english = renderAnswerEmail(input, wordingFor('en'));
    const spanish = renderAnswerEmail(input, wordingFor('es'));

    // Assess
    expect(english.text).toContain(
      [
        '- the attachment with no name (2nd attachment) is not a real PDF, so it could not be read',
        '- the attachment with no name (3rd attachment) was empty',
        '- the attachment with no name (11th attachment) was empty',
        '- the attachment with no name (22nd attachment) was empty',
      ].join('\n'),
    );
    expect(english.text).toContain('(in the PDF with no name (2nd attachment))');
    expect(english.text).toContain('(in the spreadsheet with no name (3rd attachment))');
    expect(spanish.text).toContain(
      [
        '- el archivo adjunto sin nombre (2.º adjunto) no es un PDF de verdad, así que no se pudo leer',
        '- el archivo adjunto sin nombre (3.º adjunto) estaba vacío',
        '- el archivo adjunto sin nombre (11.º adjunto) estaba vacío',
        '- el archivo adjunto sin nombre (22.º adjunto) estaba vacío',
      ].join('\n'),
    );
    expect(spanish.text).toContain('(en el PDF sin nombre (2.º adjunto))');
    expect(spanish.text).toContain('(en la hoja de cálculo sin nombre (3.º adjunto))');
    expect(spanish.html).toContain('en el PDF sin nombre (2.º adjunto)');
    for (const mail of [english, spanish]) expect(mail.text).not.toMatch(/attachment-\d|no name: attachment/);
  });

  it('quotes each line not read with the reply line that adds it, and says so when nothing was recorded', () => {
    // Prepare
    const row = { part: 'body', line: 4, text: '10/05/2026 | ZQ | K7 | 30', service: null, minutes: 30, missed: false };

    // Act
    const mail = renderAnswerEmail({
      childName: 'Maya',
      subject: 'Fwd: October log',
      items: [],
      ignored: [],
      unread: [
        { ...row, date: '2026-10-05' },
        { ...row, line: 6, text: '10/12/2026 | ZQ | R2 | 0', date: '2026-10-12', minutes: null, missed: true },
        {
          part: 'log.pdf',
          line: null,
          text: 'the PDF log.pdf could not be opened: it is damaged',
          date: null,
          service: null,
          minutes: null,
          missed: false,
        },
      ],
      unreadable: false,
    });

    // Assess
    expect(mail.subject).toBe('Nothing recorded for Maya: 3 not read · Fwd: October log');
    expect(mail.text).toContain(
      'Nothing was recorded from it, but 3 parts of it look like session reports I could not read (below).',
    );
    expect(mail.text).not.toContain('Nothing about');
    expect(mail.text).toContain('Not read: these lines look like session reports but I could not read them.');
    expect(mail.text).toContain('- “10/05/2026 | ZQ | K7 | 30” (in the message)\n    add 10/5/2026 SERVICE 30 min');
    expect(mail.text).toContain('- “10/12/2026 | ZQ | R2 | 0” (in the message)\n    add 10/12/2026 SERVICE missed');
    expect(mail.text).toContain('- “the PDF log.pdf could not be opened: it is damaged” (in log.pdf)\n');
    expect(mail.html).toContain(
      '<li>“10/05/2026 | ZQ | K7 | 30” (in the message)<br><code>add 10/5/2026 SERVICE 30 min</code></li>',
    );
  });

  it('shows twenty lines not read and counts the rest', () => {
    // Prepare
    const unread = Array.from({ length: 23 }, (_, i) => ({
      part: 'body',
      line: i + 1,
      text: `row ${i + 1}`,
      date: null,
      service: 'speech-language' as const,
      minutes: 30,
      missed: false,
    }));

    // Act
    const mail = renderAnswerEmail({
      childName: 'Maya',
      subject: 'x',
      items: [],
      ignored: [],
      unread,
      unreadable: false,
    });

    // Assess
    expect(mail.text.match(/add DATE speech 30 min/g)).toHaveLength(20);
    expect(mail.text).toContain('- and 3 more like these.');
  });

  it('tells the guardian in plain words when the message could not be read', () => {
    const mail = renderAnswerEmail({ childName: 'Maya', subject: 'x', items: [], ignored: [], unreadable: true });
    expect(mail.subject).toContain('We could not read this message for Maya');
    expect(mail.text).toContain('The message is kept');
  });

  it('hostile names and subjects never reach the HTML unescaped nor break a header', () => {
    // Act
    const mail = renderAnswerEmail({
      childName: HOSTILE,
      subject: HOSTILE,
      items: [{ record: session, alreadyRecorded: false }],
      ignored: [{ what: HOSTILE, why: HOSTILE }],
      unread: [
        { part: HOSTILE, line: 1, text: HOSTILE, date: '2026-10-05', service: null, minutes: null, missed: false },
      ],
      unreadable: false,
    });
    // Assess
    expect(mail.text).toContain('Not read:');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text).not.toContain('\r');
  });

  it('passes on a Gmail forwarding confirmation with its words, escaped in HTML', () => {
    const mail = renderForwardingVerification({
      childName: 'Maya',
      subject: '(#123) Gmail Forwarding Confirmation',
      text: 'Confirmation code: 123456789\nhttps://mail.google.com/verify?x=<b>',
    });
    expect(mail.text).toContain('Confirmation code: 123456789');
    expect(mail.html).toContain('https://mail.google.com/verify?x=&lt;b&gt;');
    expect(mail.html).not.toContain('<a ');
  });

  it("introduces Gmail's confirmation in Spanish to a family that reads Spanish, Google's words unchanged", () => {
    const mail = renderForwardingVerification(
      { childName: 'Sofía', subject: '(#123) Gmail Forwarding Confirmation', text: 'Confirmation code: 123456789' },
      wordingFor('es'),
    );

    expect(mail.language).toBe('es');
    expect(mail.subject).toBe(
      'Confirmación de reenvío de Gmail para la dirección de Sofía · (#123) Gmail Forwarding Confirmation',
    );
    expect(mail.text).toMatch(/^Gmail envió una confirmación de reenvío a la dirección de Sofía\./);
    expect(mail.text).toContain('Confirmation code: 123456789');
    expect(mail.html).toContain('<html lang="es">');
  });
});

describe('escaping', () => {
  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('a header value keeps no CR, LF, NUL or bidi override and is capped', () => {
    expect(headerSafe('a\r\nBcc: x\u0000\u202e', 200)).toBe('a Bcc: x');
    expect(Array.from(headerSafe('é'.repeat(500), 10))).toHaveLength(10);
  });
});

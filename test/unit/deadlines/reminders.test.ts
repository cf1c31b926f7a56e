import { describe, expect, test } from 'vitest';
import { deadlineRules } from '../../../shared/deadlines/deadline-rules';
import {
  escapeHtml,
  oneLine,
  type Reminder,
  remindersDue,
  renderReminderEmail,
} from '../../../shared/deadlines/reminders';
import { type Deadline, trackDeadlines } from '../../../shared/deadlines/track-deadlines';
import type { DateItem, DateType } from '../../../shared/records/types';
import { SPANISH_RULES } from '../../../shared/render/deadline-words';
import { wordingFor } from '../../../shared/render/wording';

function item(type: DateType, date: string): DateItem {
  return { type, date, end: null };
}

// California records request Mon 2026-11-02: due Mon 2026-11-09 (5 business days).
function recordsAsOf(asOf: string, extra: DateItem[] = []): Deadline[] {
  return trackDeadlines({ dates: [item('records-request', '2026-11-02'), ...extra], state: 'CA', asOf });
}

function kindsOn(today: string, extra: DateItem[] = []): string[] {
  return remindersDue(recordsAsOf(today, extra), today).map((reminder) => reminder.kind);
}

describe('remindersDue', () => {
  test('reminds 7 days before, the day before and on the due day, and not in between', () => {
    // Due 11-09: 7 days before is Mon 11-02, the day before Sun 11-08.
    expect(kindsOn('2026-11-02')).toEqual(['due-in-7-days']);
    expect(kindsOn('2026-11-08')).toEqual(['due-tomorrow']);
    expect(kindsOn('2026-11-09')).toEqual(['due-today']);
    expect(kindsOn('2026-11-05')).toEqual([]);
  });

  test('reminds weekly while overdue: the day after the due day, then every 7 days', () => {
    // Due 11-09: overdue reminders on 11-10 (1 day), 11-17 (8 days), 11-24 (15 days); none on 11-11.
    expect(kindsOn('2026-11-10')).toEqual(['overdue']);
    expect(kindsOn('2026-11-11')).toEqual([]);
    expect(kindsOn('2026-11-17')).toEqual(['overdue']);
    const reminder = remindersDue(recordsAsOf('2026-11-24'), '2026-11-24')[0];
    expect(reminder).toMatchObject({ kind: 'overdue', daysPastDue: 15 });
  });

  test('a met or dismissed deadline never reminds', () => {
    const id = 'ca-records-request:2026-11-02';
    const met = trackDeadlines({
      dates: [item('records-request', '2026-11-02')],
      state: 'CA',
      asOf: '2026-11-10',
      marks: [{ id, action: 'done', on: '2026-11-05' }],
    });
    const dismissed = trackDeadlines({
      dates: [item('records-request', '2026-11-02')],
      state: 'CA',
      asOf: '2026-11-10',
      marks: [{ id, action: 'dismiss', on: null }],
    });
    expect(remindersDue(met, '2026-11-10')).toEqual([]);
    expect(remindersDue(dismissed, '2026-11-10')).toEqual([]);
  });

  test('a deadline met late reminds once, the day after its due day', () => {
    // CA meeting request 11-02 due 12-02, meeting set for 12-04: a "late" reminder on 12-03 only.
    const deadlines = trackDeadlines({
      dates: [item('meeting-request', '2026-11-02'), item('meeting-scheduled', '2026-12-04')],
      state: 'CA',
      asOf: '2026-12-03',
    });
    expect(remindersDue(deadlines, '2026-12-03').map((r) => r.kind)).toEqual(['late']);
    expect(remindersDue(deadlines, '2026-12-10')).toEqual([]);
  });

  test('each reminder carries its number in the deadline list, the N of `done N`', () => {
    // CA: meeting request 10-26 (due 11-25) and records 11-02 (due 11-09); the list is ordered by due day,
    // so records are 1 and the meeting request 2. On 11-18 only the meeting request (due in 7 days) reminds.
    const deadlines = trackDeadlines({
      dates: [item('meeting-request', '2026-10-26'), item('records-request', '2026-11-02')],
      state: 'CA',
      asOf: '2026-11-18',
      marks: [{ id: 'ca-records-request:2026-11-02', action: 'done', on: '2026-11-06' }],
    });
    const reminders = remindersDue(deadlines, '2026-11-18');
    expect(reminders.map((r) => [r.kind, r.number])).toEqual([['due-in-7-days', 2]]);
    const email = renderReminderEmail({ childName: 'Maya', reminders, today: '2026-11-18' });
    expect(email.text).toMatch(/^2\. Due in 7 days: IEP meeting you asked for/m);
    expect(email.html).toContain('<li value="2">');
  });

  test('a request without a deadline never reminds', () => {
    const deadlines = trackDeadlines({
      dates: [item('meeting-request', '2026-11-02')],
      state: null,
      asOf: '2026-11-09',
    });
    expect(remindersDue(deadlines, '2026-11-09')).toEqual([]);
  });
});

describe('renderReminderEmail', () => {
  function overdue(): Reminder[] {
    return remindersDue(recordsAsOf('2026-11-10'), '2026-11-10');
  }

  test('an overdue deadline comes with a kind draft to the case manager that cites the rule', () => {
    // Act
    const email = renderReminderEmail({
      childName: 'Maya',
      reminders: overdue(),
      today: '2026-11-10',
      caseManagerName: 'Ms. Rivera',
      parentName: 'Ana',
    });
    // Assess
    expect(email.subject).toBe("Maya: Overdue by 1 day: Maya's records, due Monday, November 9, 2026");
    expect(email.drafts).toHaveLength(1);
    const draft = email.drafts[0] ?? '';
    expect(draft).toMatch(/^Dear Ms\. Rivera,/);
    expect(draft).toContain('As I understand Cal. Ed. Code 56504, a parent may examine');
    expect(draft).toContain('By my count the deadline was Monday, November 9, 2026.');
    expect(draft).toContain('Monday, November 2, 2026');
    expect(draft).toContain('I have not yet received the records');
    expect(draft).toMatch(/Kind regards,\nAna$/);
    expect(email.text).toContain('I have not yet received the records');
    expect(email.html).toContain('Cal. Ed. Code 56504');
  });

  test('a Texas meeting request is shown and drafted as an answer due in 5 school days: a date or a written refusal', () => {
    // Request Mon 2026-11-02: due Mon 11-09; on Tue 11-10 it is one day overdue.
    const deadlines = trackDeadlines({
      dates: [item('meeting-request', '2026-11-02')],
      state: 'TX',
      asOf: '2026-11-10',
    });
    const reminders = remindersDue(deadlines, '2026-11-10');
    const email = renderReminderEmail({ childName: 'Maya', reminders, today: '2026-11-10' });
    expect(email.subject).toBe(
      'Maya: Overdue by 1 day: answer to your ARD meeting request (a meeting date or a written refusal), due Monday, November 9, 2026',
    );
    expect(email.drafts[0]).toContain('As I understand 19 TAC 89.1050(e), on a parent');
    expect(email.drafts[0]).toContain('I have not yet received a meeting date or a written answer to my request.');
    expect(email.drafts[0]).not.toContain('offered a meeting date');
  });

  test('a draft citing a federal rule says it is federal law, and an estimated day says it may be later', () => {
    // Wyoming (no state rules here), consent Mon 2026-09-14: 60 days → Fri 11-13; overdue on Sat 11-14.
    const federal = trackDeadlines({
      dates: [item('evaluation-consent', '2026-09-14')],
      state: 'WY',
      asOf: '2026-11-14',
    });
    const [reminder] = remindersDue(federal, '2026-11-14');
    const email = renderReminderEmail({
      childName: 'Maya',
      reminders: reminder ? [reminder] : [],
      today: '2026-11-14',
    });
    expect(email.drafts[0]).toContain('As I understand federal law (34 CFR 300.301(c)(1)), the initial evaluation');
    expect(email.text).toContain('Federal minimum; your state may set a shorter or different timeline.');
    // Texas 5 school days from Thu 11-05 skip Veterans Day (unknown): due Fri 11-13, estimated.
    const texas = trackDeadlines({ dates: [item('meeting-request', '2026-11-05')], state: 'TX', asOf: '2026-11-14' });
    const [late] = remindersDue(texas, '2026-11-14');
    const estimated = renderReminderEmail({ childName: 'Maya', reminders: late ? [late] : [], today: '2026-11-14' });
    expect(estimated.drafts[0]).toContain('it may be later if the school was closed on days I do not know of');
    expect(estimated.text).toContain('Veterans Day: schools differ');
  });

  test('a North Carolina draft counted from the consent says the day is the latest, the law counting from the request', () => {
    // Consent Mon 2026-09-14, no referral recorded: 90 days → Sun 12-13; overdue on Mon 12-14.
    const carolina = trackDeadlines({
      dates: [item('evaluation-consent', '2026-09-14')],
      state: 'NC',
      asOf: '2026-12-14',
    });
    const [reminder] = remindersDue(carolina, '2026-12-14');
    const email = renderReminderEmail({
      childName: 'Maya',
      reminders: reminder ? [reminder] : [],
      today: '2026-12-14',
    });
    expect(email.drafts[0]).toContain(
      'As I understand NC 1503-2.2(c), within 90 days of receipt of a written referral',
    );
    expect(email.drafts[0]).toContain(
      'Counting from my consent, the deadline was Sunday, December 13, 2026 at the latest',
    );
    expect(email.drafts[0]).not.toContain('may be later');
    const spanish = renderReminderEmail({
      childName: 'Maya',
      reminders: reminder ? [reminder] : [],
      today: '2026-12-14',
      letterLanguage: 'es',
    });
    expect(spanish.drafts[0]).toContain('Contando desde mi consentimiento, la fecha límite era el');
    expect(spanish.drafts[0]).not.toContain('podría ser más tarde');
  });

  test('an upcoming deadline has no draft', () => {
    const reminders = remindersDue(recordsAsOf('2026-11-08'), '2026-11-08');
    const email = renderReminderEmail({ childName: 'Maya', reminders, today: '2026-11-08' });
    expect(email.drafts).toEqual([]);
    expect(email.subject).toContain('Due tomorrow');
  });

  test('names from inbound mail are escaped in HTML and cannot break the subject line', () => {
    // Prepare
    const hostile = 'Maya<script>alert(1)</script>\r\nBcc: victim@example.com';
    // Act
    const email = renderReminderEmail({
      childName: hostile,
      reminders: overdue(),
      today: '2026-11-10',
      caseManagerName: '<img src=x onerror=alert(1)>',
    });
    // Assess
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain('&lt;script&gt;');
  });

  test('several reminders give one email that counts them', () => {
    // Records of Mon 11-02 are due Mon 11-09 (overdue by 1 day on 11-10); records of Tue 11-03 are due
    // Wed 04, Thu 05, Fri 06, Mon 09, Tue 10 → due today, 11-10. Overdue comes first.
    const deadlines = trackDeadlines({
      dates: [item('records-request', '2026-11-02'), item('records-request', '2026-11-03')],
      state: 'CA',
      asOf: '2026-11-10',
    });
    const reminders = remindersDue(deadlines, '2026-11-10');
    expect(reminders.map((r) => [r.kind, r.number])).toEqual([
      ['overdue', 1],
      ['due-today', 2],
    ]);
    const email = renderReminderEmail({ childName: 'Maya', reminders, today: '2026-11-10' });
    expect(email.subject).toBe('Maya: 2 IEP deadlines need attention');
    expect(email.text).toMatch(/1\. Overdue by 1 day/);
    expect(email.text).toMatch(/2\. Due today/);
  });
});

describe('text safety helpers', () => {
  test('oneLine removes control characters and caps the length', () => {
    expect(oneLine('a\r\nb\tc\u2028d')).toBe('a b c d');
    expect(oneLine('x'.repeat(100), 10)).toHaveLength(10);
  });

  test('escapeHtml escapes the five characters that matter', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('reminders for a Spanish-reading family', () => {
  const say = wordingFor('es');

  test('the reminder is in Spanish, its dates written by Intl, the citation unchanged', () => {
    // Act: the California records request, overdue by one day
    const reminders = remindersDue(recordsAsOf('2026-11-10'), '2026-11-10');
    const email = renderReminderEmail({ childName: 'Sofía', reminders, today: '2026-11-10', say });

    // Assess
    expect(email.language).toBe('es');
    expect(email.subject).toBe('Sofía: Atrasado 1 día: expedientes de Sofía, vencía el lunes, 9 de noviembre de 2026');
    expect(email.text).toContain('Fechas límite del PEI (IEP) de Sofía, martes, 10 de noviembre de 2026');
    expect(email.text).toContain(
      'Usted tiene derecho a revisar y recibir copias de todos los expedientes escolares de su hijo o hija dentro de los cinco días hábiles',
    );
    expect(email.text).toContain('(Cal. Ed. Code 56504)');
    expect(email.text).toContain('Responda "hecho N" cuando se cumpla una');
    expect(email.html).toContain('<html lang="es">');
  });

  test('the note to the case manager is in English by default, with its Spanish beside it, and says so', () => {
    const reminders = remindersDue(recordsAsOf('2026-11-10'), '2026-11-10');
    const email = renderReminderEmail({ childName: 'Sofía', reminders, today: '2026-11-10', say });
    expect(email.drafts[0]).toContain('Dear case manager,');
    expect(email.drafts[0]).toContain('By my count the deadline was Monday, November 9, 2026.');
    expect(email.readings).toHaveLength(1);
    const reading = email.readings[0] ?? '';
    expect(reading).toMatch(/^Hola:\n/);
    expect(reading).toContain(
      'Le escribo sobre los expedientes escolares de Sofía que pedí el lunes, 2 de noviembre de 2026.',
    );
    expect(reading).toContain(
      'Según entiendo, Cal. Ed. Code 56504 establece que los padres pueden revisar y recibir copias de todos los expedientes escolares',
    );
    expect(reading).toContain('Según mi cuenta, la fecha límite era el lunes, 9 de noviembre de 2026.');
    expect(reading).toContain('Todavía no he recibido los expedientes.');
    expect(reading).toMatch(/Atentamente,$/);
    expect(email.text).toContain(
      'Una nota que podría enviar al coordinador del caso (case manager): Está en inglés, el idioma de la escuela. Debajo está lo que dice en español, para que usted la lea. Si prefiere enviarla en español, envíe "cartas en español".',
    );
    // The letter first, ready to copy; then what it says.
    expect(email.text.indexOf('Dear case manager,')).toBeLessThan(email.text.indexOf('Lo que dice esta nota:'));
    expect(email.text.indexOf('Lo que dice esta nota:')).toBeLessThan(email.text.indexOf('Hola:'));
    expect(email.html).toContain('<blockquote lang="en"');
    expect(email.html).toContain('<blockquote lang="es"');
  });

  test('a family that chose Spanish letters gets the note in Spanish only, and is told how to have it in English', () => {
    const reminders = remindersDue(recordsAsOf('2026-11-10'), '2026-11-10');
    const email = renderReminderEmail({
      childName: 'Sofía',
      reminders,
      today: '2026-11-10',
      caseManagerName: 'Sra. Rivera',
      parentName: 'Ana',
      say,
      letterLanguage: 'es',
    });
    expect(email.drafts[0]).toMatch(/^Hola, Sra\. Rivera:\n/);
    expect(email.drafts[0]).toMatch(/Atentamente,\nAna$/);
    expect(email.drafts[0]).not.toMatch(/Dear|Kind regards|By my count/);
    expect(email.readings).toEqual([]);
    expect(email.text).toContain(
      'Está en español, como usted pidió. Si prefiere enviarla en inglés, envíe "cartas en inglés".',
    );
    expect(email.text).not.toContain('Lo que dice esta nota:');
    expect(email.html).not.toContain('<blockquote lang="en"');
    expect(email.html).toContain('<blockquote lang="es"');
  });

  /** The first note to the case manager on `today`, for a family that chose Spanish letters. */
  function spanishNote(dates: DateItem[], state: string, today: string): string | undefined {
    const deadlines = trackDeadlines({ dates, state, asOf: today });
    const reminders = remindersDue(deadlines, today);
    return renderReminderEmail({ childName: 'Sofía', reminders, today, say, letterLanguage: 'es' }).drafts[0];
  }

  test('a Spanish note cites a federal rule as federal law, words what the rule awaits, and thanks for one met late', () => {
    // Texas meeting request Thu 11-05: 5 school days skip Veterans Day (unknown), due Fri 11-13, estimated.
    const overdueNote = spanishNote([item('meeting-request', '2026-11-05')], 'TX', '2026-11-14');
    expect(overdueNote).toContain(
      'Todavía no he recibido una fecha para la reunión ni una respuesta por escrito a mi solicitud. ¿Me podría decir',
    );
    expect(overdueNote).toContain('aunque podría ser más tarde si la escuela cerró algún día que yo no sepa.');
    // Wyoming (no state rules here), consent Mon 2026-09-14: 60 days → Fri 11-13.
    const federalNote = spanishNote([item('evaluation-consent', '2026-09-14')], 'WY', '2026-11-14');
    expect(federalNote).toContain(
      'Según entiendo, la ley federal (34 CFR 300.301(c)(1)) establece que la evaluación inicial',
    );
    // CA meeting request 11-02 due 12-02, meeting set for 12-04: met late.
    const late = [item('meeting-request', '2026-11-02'), item('meeting-scheduled', '2026-12-04')];
    const lateNote = spanishNote(late, 'CA', '2026-12-03');
    expect(lateNote).toContain(
      'Le escribo sobre la reunión del PEI (IEP) que pedí por escrito el lunes, 2 de noviembre de 2026.',
    );
    expect(lateNote).toContain('Gracias por darle seguimiento (el viernes, 4 de diciembre de 2026).');
  });

  test('an English-reading family that sends English letters gets no word about languages', () => {
    const email = renderReminderEmail({
      childName: 'Maya',
      reminders: remindersDue(recordsAsOf('2026-11-10'), '2026-11-10'),
      today: '2026-11-10',
    });
    expect(email.text).toContain('A note you could send to the case manager:\n');
    expect(email.text).not.toMatch(/Spanish|the school's language/);
    expect(email.readings).toEqual([]);
  });

  test('every rule has its statement for a Spanish letter, and what it awaits where English has it', () => {
    for (const rule of deadlineRules()) {
      const spanish = SPANISH_RULES.rules[rule.id];
      expect(spanish?.ruleForSchool, rule.id).toBeTypeOf('string');
      // A clause after "establece que": lower-case, as the English one after "As I understand ..., ".
      expect(spanish?.ruleForSchool.charAt(0), rule.id).toBe(spanish?.ruleForSchool.charAt(0).toLowerCase());
      if (rule.awaiting) expect(spanish?.awaiting, rule.id).toBeTypeOf('string');
    }
  });

  test('every rule has its explanation in Spanish, and a name for what is awaited where English has one', () => {
    for (const rule of deadlineRules()) {
      const spanish = SPANISH_RULES.rules[rule.id];
      expect(spanish?.rule, rule.id).toBeTypeOf('string');
      if (rule.what) expect(spanish?.what, rule.id).toBeTypeOf('string');
    }
    expect(Object.keys(SPANISH_RULES.rules).sort()).toEqual(
      deadlineRules()
        .map((rule) => rule.id)
        .sort(),
    );
  });
});

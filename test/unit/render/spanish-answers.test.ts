import { describe, expect, it } from 'vitest';
import type { RenderedMail } from '../../../shared/render/answer-email';
import {
  renderBadDeletionCodeEmail,
  renderCalendarLinkEmail,
  renderDeadlineMarksEmail,
  renderDeleteConfirmationEmail,
  renderDeletedEmail,
  renderExportEmail,
  renderNoticeReplyEmail,
  renderReplyRefusedEmail,
  renderScheduleChangedEmail,
  renderSenderChangedEmail,
  renderStateChangedEmail,
  renderSummaryCountEmail,
} from '../../../shared/render/command-answers-email';
import { renderQuarantineNoticeEmail } from '../../../shared/render/quarantine-notice-email';
import { wordingFor } from '../../../shared/render/wording';

const say = wordingFor('es');
const childName = 'Sofía';

// Words that only an English sentence would carry: none may reach a Spanish-reading family.
const ENGLISH_WORDS = /\b(the|you|your|was|were|is|are|to|for|and|of|from|send|reply)\b/i;

const answers: Record<string, RenderedMail> = {
  summary: renderSummaryCountEmail({
    childName,
    say,
    counts: { sessions: 1, missed: 0, requirements: 2, dates: 3, unconfirmed: 1 },
  }),
  export: renderExportEmail({
    childName,
    say,
    records: 12,
    deadlines: 1,
    originals: { attached: true, count: 4 },
  }),
  allowed: renderSenderChangedEmail({
    childName,
    say,
    address: 'maestra@escuela.org',
    allowed: true,
    released: { messages: 2, records: ['lun, 2 de nov · Habla y lenguaje · 30 min'] },
  }),
  removed: renderSenderChangedEmail({ childName, say, address: 'maestra@escuela.org', allowed: false }),
  paused: renderScheduleChangedEmail({ childName, say, paused: true }),
  resumed: renderScheduleChangedEmail({ childName, say, paused: false }),
  calendar: renderCalendarLinkEmail({
    childName,
    say,
    url: 'https://cal.example.org/calendar/abc.ics',
    replaced: true,
  }),
  noCalendar: renderCalendarLinkEmail({ childName, say, url: null, replaced: false }),
  state: renderStateChangedEmail({
    childName,
    say,
    state: 'CA',
    covered: true,
    schoolYear: { firstDay: '2026-08-12', lastDay: '2027-06-10', estimated: false, source: 'set' },
  }),
  deleteConfirm: renderDeleteConfirmationEmail({ childName, say, code: 'erase-abcd-efgh' }),
  deleted: renderDeletedEmail({
    childName,
    say,
    address: 'sofia@in.example.org',
    messages: 1,
    keptForOthers: 1,
    backupDays: 35,
  }),
  badCode: renderBadDeletionCodeEmail({ childName, say }),
  refused: renderReplyRefusedEmail({ childName, say, reason: 'expired' }),
  marks: renderDeadlineMarksEmail({
    childName,
    say,
    done: ['La fecha límite 1 (revisión anual) quedó marcada hoy como cumplida.'],
    unusable: [{ text: 'hecho 9', why: 'no hay fecha límite 9' }],
  }),
  noticeReply: renderNoticeReplyEmail({ childName, say, sender: 'maestra@escuela.org', allowable: true }),
  quarantine: renderQuarantineNoticeEmail({
    childName,
    say,
    sender: 'maestra@escuela.org',
    failedChecks: false,
    subject: 'Terapia',
  }),
  quarantineFailed: renderQuarantineNoticeEmail({
    childName,
    say,
    sender: 'maestra@escuela.org',
    failedChecks: true,
    subject: 'Terapia',
  }),
};

describe('command answers and notices for a Spanish-reading family', () => {
  it.each(Object.entries(answers))('the %s answer is in Spanish, says so, and names the child', (_name, mail) => {
    expect(mail.language).toBe('es');
    expect(mail.html).toContain('<html lang="es">');
    expect(mail.subject).toContain('Sofía');
    expect(mail.subject).not.toMatch(ENGLISH_WORDS);
    expect(mail.text).not.toMatch(ENGLISH_WORDS);
  });

  it('counts as Spanish counts, with the words of the catalog', () => {
    expect(answers.summary?.text).toContain('- 1 sesión (no se dieron: 0)');
    expect(answers.summary?.text).toContain('- 2 servicios que exige el PEI');
    expect(answers.deleted?.text).toContain('cada registro, 1 mensaje guardado con cada copia guardada');
    expect(answers.deleted?.text).toContain('hasta 35 días más');
    expect(answers.deleted?.text).toContain('1 mensaje también se envió a la dirección de otro niño o niña');
    expect(answers.allowed?.text).toContain('Ahora leímos 2 mensajes suyos que estaban retenidos.');
    expect(answers.allowed?.text).toContain('2 ausente: la sesión 2 no se dio porque el alumno faltó');
    expect(answers.state?.text).toContain('Año escolar: del 12 de agosto de 2026 al 10 de junio de 2027');
    expect(answers.quarantine?.subject).toBe('maestra@escuela.org envió algo a la dirección de Sofía');
  });

  it('in English the same answers read as before', () => {
    const paused = renderScheduleChangedEmail({ childName: 'Maya', paused: true });
    expect(paused.subject).toBe('Paused: scheduled emails for Maya');
    expect(paused.language).toBe('en');
    const state = renderStateChangedEmail({
      childName: 'Maya',
      state: 'CA',
      covered: false,
      schoolYear: { firstDay: '2026-08-12', lastDay: '2027-06-10', estimated: true, source: 'the usual dates' },
    });
    expect(state.text).toContain('School year: about Aug 12, 2026 to Jun 10, 2027 (the usual dates).');
  });
});

// The digest as plain text: the same sections and figures as the HTML part, nothing left out.

import type { DigestModel, Draft, ServiceFigures, WindowFigures } from '../compliance/digest-types';
import { calendarLines } from './calendar-links';
import { shortDay } from './dates';
import {
  calendarNotes,
  childName,
  type DigestEmailOptions,
  deadlineLine,
  deadlineRule,
  deliveredLine,
  detailLine,
  entryLine,
  flagDetail,
  isPresenceService,
  lettersNote,
  reportedLine,
  serviceWords,
  unknownMinutesLine,
  weekLabel,
  weekOfLine,
  yearLabel,
} from './digest-wording';
import { plainLine } from './drafts';
import type { Wording } from './wording';

function heading(title: string): string {
  return `${title.toUpperCase()}\n${'-'.repeat(Math.min(title.length, 40))}`;
}

function windowLines(label: string, fig: WindowFigures, say: Wording, presence: boolean): string[] {
  const lines = [`  ${label}: ${deliveredLine(fig, say)}: ${detailLine(fig, say, presence)}.`];
  const unknown = unknownMinutesLine(fig, say);
  if (unknown) lines.push(`    ${unknown}`);
  return lines;
}

function serviceLines(model: DigestModel, s: ServiceFigures, say: Wording): string[] {
  const name = serviceWords(s.service, say);
  const presence = isPresenceService(s.service);
  return [
    name.charAt(0).toUpperCase() + name.slice(1),
    ...windowLines(weekLabel(model, say), s.week, say, presence),
    ...windowLines(yearLabel(model, say, s), s.schoolYear, say, presence),
    ...(s.includesUnconfirmed ? [`  ${say('digest.includesUnconfirmed')}`] : []),
  ];
}

function draftLines(d: Draft, index: number, say: Wording): string[] {
  const reported = reportedLine(d, say);
  return [
    `${index + 1}. ${say(`digest.draft.${d.purpose}`)}`,
    say('digest.to', { to: d.to.length > 0 ? d.to.join(', ') : `(${say('digest.addAddress')})` }),
    say('digest.subjectLine', { subject: d.subject }),
    ...(reported ? [`(${reported})`] : []),
    '',
    d.body,
    ...(d.reading ? ['', say('digest.draftTranslation'), '', d.reading.subject, '', d.reading.body] : []),
  ];
}

export function renderDigestText(model: DigestModel, say: Wording, opts: DigestEmailOptions = {}): string {
  const child = childName(model, say);
  const app = plainLine(opts.appName ?? 'IEP service tracker', 60);
  const maxListed = opts.maxUnconfirmedListed ?? 15;
  const out: string[] = [
    say('digest.title', { child }),
    weekOfLine(model, say),
    '',
    heading(say('digest.section.attention')),
  ];

  if (model.services.length === 0) out.push(say('digest.noRequirements', { child }));
  else if (model.flags.length === 0) out.push(say('digest.noFlags'));
  for (const f of model.flags) {
    const notes = [
      ...(f.weeks >= 2 ? [say('digest.weeksInARow', { count: f.weeks })] : []),
      ...(f.includesUnconfirmed ? [say('digest.flagUnconfirmed')] : []),
    ];
    const weeks = notes.length > 0 ? ` (${notes.join('; ')})` : '';
    out.push(`- ${say(`digest.flag.${f.kind}`)}. ${flagDetail(f, say)}${weeks}`);
  }

  out.push('', heading(say('digest.section.services')));
  if (model.services.length === 0) out.push(say('digest.noServices', { child }));
  for (const s of model.services) out.push(...serviceLines(model, s, say), '');
  if (model.services.length > 0) for (const note of calendarNotes(model, say)) out.push(note, '');

  out.push('', heading(say('digest.section.setting')));
  let settingSaid = false;
  if (model.settingPercent) {
    const key = model.settingPercent.confirmed ? 'digest.gePercent' : 'digest.gePercentUnconfirmed';
    out.push(say(key, { child, percent: model.settingPercent.generalEducation }));
    settingSaid = true;
  }
  if (model.settingEvents.length > 0) {
    out.push(say('digest.settingLead'));
    for (const e of model.settingEvents) {
      const line = say(e.confirmed ? 'digest.settingLine' : 'digest.settingLineUnconfirmed', {
        date: shortDay(e.date, say.language),
        activity: say(`digest.activity.${e.activity}`),
        where: say(`digest.where.${e.setting}`),
      });
      out.push(`- ${line}`);
    }
    settingSaid = true;
  }
  if (model.aideGaps.length > 0) {
    out.push(say('digest.aideLead'));
    for (const d of model.aideGaps) out.push(`- ${shortDay(d, say.language, true)}`);
    settingSaid = true;
  }
  if (!settingSaid) out.push(say('digest.noSettingOrAide', { child }));

  out.push('', heading(say('digest.section.deadlines')));
  if (model.deadlines.length === 0) out.push(say('digest.noDeadlines'));
  for (const d of model.deadlines) out.push(`- ${deadlineLine(model, d, say)}`, `  ${deadlineRule(d, say)}`);

  out.push('', heading(say('digest.section.unconfirmed')));
  if (model.unconfirmed === 0) out.push(say('digest.allConfirmed'));
  else {
    out.push(say.plural('digest.unconfirmedCount', model.unconfirmed, { intro: say('digest.unconfirmedIntro') }));
    const shown = model.unconfirmedEntries.slice(0, maxListed);
    for (const e of shown) out.push(`- ${entryLine(e, say)}`);
    if (model.unconfirmed > shown.length) out.push(say('digest.andMore', { count: model.unconfirmed - shown.length }));
  }

  out.push('', heading(say('digest.section.drafts')));
  if (model.drafts.length === 0) out.push(say('digest.noDrafts'));
  else {
    out.push(say('digest.draftsIntroText'));
    const note = lettersNote(model, say);
    if (note) out.push(note);
    model.drafts.forEach((d, i) => {
      out.push('', ...draftLines(d, i, say));
    });
  }

  if (opts.calendarUrl) {
    const lines = calendarLines(say, child, opts.calendarUrl);
    out.push(
      '',
      heading(say('digest.calendarHeading')),
      lines.lead,
      ...lines.links.map((line) => `- ${line}`),
      lines.note,
    );
  }

  out.push('', '--', say('digest.footer', { app }), '');
  return out.join('\n');
}

// The digest as plain text: the same sections and figures as the HTML part, nothing left out.

import type { DigestModel, Draft, ServiceFigures, WindowFigures } from '../compliance/digest-types';
import { dateRange, shortDate } from '../compliance/plain-dates';
import { serviceName } from '../compliance/service-names';
import { calendarLines } from './calendar-links';
import {
  calendarNotes,
  childName,
  type DigestEmailOptions,
  deadlineLine,
  deadlineRule,
  deliveredLine,
  detailLine,
  isPresenceService,
  reportedLine,
  say,
  unknownMinutesLine,
  digestWording as w,
  weekLabel,
  yearLabel,
} from './digest-wording';
import { plainLine } from './drafts';
import { wordingFor } from './wording';

function heading(title: string): string {
  return `${title.toUpperCase()}\n${'-'.repeat(Math.min(title.length, 40))}`;
}

function windowLines(label: string, fig: WindowFigures, presence: boolean): string[] {
  const lines = [`  ${label}: ${deliveredLine(fig, presence)}: ${detailLine(fig, presence)}.`];
  const unknown = unknownMinutesLine(fig);
  if (unknown) lines.push(`    ${unknown}`);
  return lines;
}

function serviceLines(model: DigestModel, s: ServiceFigures): string[] {
  const name = serviceName(s.service);
  return [
    name.charAt(0).toUpperCase() + name.slice(1),
    ...windowLines(weekLabel(model), s.week, isPresenceService(s.service)),
    ...windowLines(yearLabel(model, s), s.schoolYear, isPresenceService(s.service)),
    ...(s.includesUnconfirmed ? [`  ${w.includesUnconfirmed}`] : []),
  ];
}

function draftLines(d: Draft, index: number): string[] {
  const title = w.draftTitles[d.purpose] ?? d.purpose;
  return [
    `${index + 1}. ${title}`,
    `To: ${d.to.length > 0 ? d.to.join(', ') : '(add the address yourself)'}`,
    `Subject: ${d.subject}`,
    ...(reportedLine(d) ? [`(${reportedLine(d)})`] : []),
    '',
    d.body,
  ];
}

export function renderDigestText(model: DigestModel, opts: DigestEmailOptions = {}): string {
  const child = childName(model);
  const app = plainLine(opts.appName ?? 'IEP service tracker', 60);
  const maxListed = opts.maxUnconfirmedListed ?? 15;
  const out: string[] = [
    `${child}'s services`,
    `Week of ${dateRange(model.week.start, model.week.end)} · as of ${shortDate(model.asOf, true)}`,
    '',
    heading(w.sections.attention),
  ];

  if (model.services.length === 0) out.push(say(w.noRequirements, { child }));
  else if (model.flags.length === 0) out.push(w.noFlags);
  if (model.flags.length > 0) {
    for (const f of model.flags) {
      const notes = [
        ...(f.weeks >= 2 ? [`${f.weeks} weeks in a row`] : []),
        ...(f.includesUnconfirmed ? ['includes entries not yet confirmed'] : []),
      ];
      const weeks = notes.length > 0 ? ` (${notes.join('; ')})` : '';
      out.push(`- ${w.flagTitles[f.kind] ?? f.kind}. ${f.detail}${weeks}`);
    }
  }

  out.push('', heading(w.sections.services));
  if (model.services.length === 0) out.push(`No services on file for ${child} yet.`);
  for (const s of model.services) out.push(...serviceLines(model, s), '');
  if (model.services.length > 0) for (const note of calendarNotes(model)) out.push(note, '');

  out.push('', heading(w.sections.setting));
  let settingSaid = false;
  if (model.settingPercent) {
    const mark = model.settingPercent.confirmed ? '' : ' (not yet confirmed)';
    out.push(
      `The IEP places ${child} in general education ${model.settingPercent.generalEducation}% of the day${mark}.`,
    );
    settingSaid = true;
  }
  if (model.settingEvents.length > 0) {
    out.push('Where the school said time was spent, last four weeks:');
    for (const e of model.settingEvents) {
      const where = e.setting === 'separate' ? 'separate setting' : 'general education';
      out.push(
        `- ${shortDate(e.date)}: ${e.activity.replace('-', ' ')}, ${where}${e.confirmed ? '' : ' (not yet confirmed)'}`,
      );
    }
    settingSaid = true;
  }
  if (model.aideGaps.length > 0) {
    out.push('Days without the 1:1 aide this school year:');
    for (const d of model.aideGaps) out.push(`- ${shortDate(d, true)}`);
    settingSaid = true;
  }
  if (!settingSaid) out.push(say(w.noSettingOrAide, { child }));

  out.push('', heading(w.sections.deadlines));
  if (model.deadlines.length === 0) out.push(w.noDeadlines);
  for (const d of model.deadlines) out.push(`- ${deadlineLine(model, d)}`, `  ${deadlineRule(d)}`);

  out.push('', heading(w.sections.unconfirmed));
  if (model.unconfirmed === 0) out.push(w.allConfirmed);
  else {
    out.push(`${model.unconfirmed} ${model.unconfirmed === 1 ? 'entry' : 'entries'}. ${w.unconfirmedIntro}`);
    const shown = model.unconfirmedEntries.slice(0, maxListed);
    for (const e of shown) out.push(`- ${e.date ? `${shortDate(e.date)}: ` : ''}${e.summary}`);
    if (model.unconfirmed > shown.length) out.push(`and ${model.unconfirmed - shown.length} more`);
  }

  out.push('', heading(w.sections.drafts));
  if (model.drafts.length === 0) out.push(w.noDrafts);
  else {
    out.push('Copy the text into a new email. Read it first: it uses what we know, and you know more.');
    model.drafts.forEach((d, i) => {
      out.push('', ...draftLines(d, i));
    });
  }

  if (opts.calendarUrl) {
    const en = wordingFor('en');
    const lines = calendarLines(en, child, opts.calendarUrl);
    out.push(
      '',
      heading(en('digest.calendarHeading')),
      lines.lead,
      ...lines.links.map((line) => `- ${line}`),
      lines.note,
    );
  }

  out.push('', '--', say(w.footer, { app }), '');
  return out.join('\n');
}

// The digest as HTML for phones first: one column up to 600 px, tables and inline styles only,
// no remote images or scripts, a colour-scheme hint and dark-mode overrides. Every piece of text
// is escaped; the only links are mailto: links built from validated addresses.

import type { DigestModel, Draft, Flag, ServiceFigures, WindowFigures } from '../compliance/digest-types';
import { calendarLines, calendarLinks } from './calendar-links';
import { shortDay } from './dates';
import {
  barSegments,
  calendarNotes,
  childName,
  type DigestEmailOptions,
  deadlineLine,
  deadlineRule,
  deliveredLine,
  detailLine,
  digestSubject,
  entryLine,
  flagDetail,
  isPresenceService,
  lettersNote,
  reportedLine,
  segmentWidths,
  segmentWords,
  serviceWords,
  unknownMinutesLine,
  weekLabel,
  weekOfLine,
  yearLabel,
} from './digest-wording';
import { draftMailto, plainLine } from './drafts';
import { escapeHtml } from './escape';
import type { Wording } from './wording';

/** Escapes text for HTML bodies and double-quoted attributes. */
export { escapeHtml };

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const TEXT = '#1f2937';
const MUTED = '#4b5563';

const p = (html: string, style = '') =>
  `<p class="d-text" style="margin:0 0 10px 0;font-size:16px;line-height:1.45;color:${TEXT};${style}">${html}</p>`;
const muted = (html: string) =>
  `<p class="d-muted" style="margin:0 0 10px 0;font-size:14px;line-height:1.4;color:${MUTED};">${html}</p>`;

function section(title: string, inner: string): string {
  return `<tr><td class="d-card" style="background:#ffffff;padding:16px 16px 8px 16px;border-top:1px solid #e5e7eb;">
<h2 class="d-text" style="margin:0 0 12px 0;font-size:18px;line-height:1.3;color:${TEXT};">${escapeHtml(title)}</h2>
${inner}
</td></tr>`;
}

function list(items: string[]): string {
  if (items.length === 0) return '';
  const lis = items
    .map(
      (item) =>
        `<li class="d-text" style="margin:0 0 8px 0;font-size:16px;line-height:1.45;color:${TEXT};">${item}</li>`,
    )
    .join('');
  return `<ul style="margin:0 0 10px 0;padding:0 0 0 20px;">${lis}</ul>`;
}

function flagItem(flag: Flag, say: Wording): string {
  const notes = [
    ...(flag.weeks >= 2 ? [say('digest.weeksInARow', { count: flag.weeks })] : []),
    ...(flag.includesUnconfirmed ? [say('digest.flagUnconfirmed')] : []),
  ];
  const weeks =
    notes.length > 0 ? ` <span class="d-muted" style="color:${MUTED};">(${escapeHtml(notes.join('; '))})</span>` : '';
  return `<strong>${escapeHtml(say(`digest.flag.${flag.kind}`))}.</strong> ${escapeHtml(flagDetail(flag, say))}${weeks}`;
}

function bar(fig: WindowFigures, say: Wording, presence: boolean): string {
  const segments = barSegments(fig, say, presence);
  const widths = segmentWidths(segments);
  if (segments.length === 0) return '';
  const cells = segments
    .map((s, i) => {
      const width = widths[i] ?? 0;
      return `<td width="${width}%" style="width:${width}%;height:14px;background:${s.color};font-size:0;line-height:0;padding:0;" bgcolor="${s.color}">&nbsp;</td>`;
    })
    .join('');
  const legend = segments
    .map(
      (s) =>
        `<span style="display:inline-block;max-width:100%;margin:0 12px 4px 0;"><span style="display:inline-block;width:10px;height:10px;background:${s.color};border-radius:2px;margin-right:4px;vertical-align:middle;"></span>${escapeHtml(segmentWords(s, say))}</span>`,
    )
    .join('');
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;table-layout:fixed;border-collapse:separate;border-radius:4px;overflow:hidden;margin:4px 0 6px 0;"><tr>${cells}</tr></table>
<div class="d-muted" style="font-size:13px;line-height:1.4;color:${MUTED};margin:0 0 10px 0;">${legend}</div>`;
}

function windowBlock(label: string, fig: WindowFigures, say: Wording, presence: boolean): string {
  const unknown = unknownMinutesLine(fig, say);
  return `${p(`<strong>${escapeHtml(label)}:</strong> ${escapeHtml(deliveredLine(fig, say))}`, 'margin-bottom:4px;')}
${muted(escapeHtml(detailLine(fig, say, presence)))}
${bar(fig, say, presence)}${unknown ? muted(escapeHtml(unknown)) : ''}`;
}

function serviceBlock(model: DigestModel, s: ServiceFigures, say: Wording): string {
  const name = serviceWords(s.service, say);
  const title = name.charAt(0).toUpperCase() + name.slice(1);
  const unconfirmed = s.includesUnconfirmed ? muted(`<em>${escapeHtml(say('digest.includesUnconfirmed'))}</em>`) : '';
  const presence = isPresenceService(s.service);
  return `<div style="margin:0 0 14px 0;">
<h3 class="d-text" style="margin:0 0 6px 0;font-size:17px;line-height:1.3;color:${TEXT};">${escapeHtml(title)}</h3>
${windowBlock(weekLabel(model, say), s.week, say, presence)}
${windowBlock(yearLabel(model, say, s), s.schoolYear, say, presence)}
${unconfirmed}</div>`;
}

function settingSection(model: DigestModel, child: string, say: Wording): string {
  const parts: string[] = [];
  if (model.settingPercent) {
    const key = model.settingPercent.confirmed ? 'digest.gePercent' : 'digest.gePercentUnconfirmed';
    parts.push(p(escapeHtml(say(key, { child, percent: model.settingPercent.generalEducation }))));
  }
  if (model.settingEvents.length > 0) {
    parts.push(p(escapeHtml(say('digest.settingLead')), 'margin-bottom:4px;'));
    parts.push(
      list(
        model.settingEvents.map((e) =>
          escapeHtml(
            say(e.confirmed ? 'digest.settingLine' : 'digest.settingLineUnconfirmed', {
              date: shortDay(e.date, say.language),
              activity: say(`digest.activity.${e.activity}`),
              where: say(`digest.where.${e.setting}`),
            }),
          ),
        ),
      ),
    );
  }
  if (model.aideGaps.length > 0) {
    parts.push(p(escapeHtml(say('digest.aideLead')), 'margin-bottom:4px;'));
    parts.push(list(model.aideGaps.map((d) => escapeHtml(shortDay(d, say.language, true)))));
  }
  if (parts.length === 0) parts.push(p(escapeHtml(say('digest.noSettingOrAide', { child }))));
  return parts.join('\n');
}

function draftBlock(d: Draft, say: Wording): string {
  const to = d.to.length > 0 ? d.to.join(', ') : say('digest.addAddress');
  const reported = reportedLine(d, say);
  return `<div style="margin:0 0 18px 0;">
<h3 class="d-text" style="margin:0 0 6px 0;font-size:17px;line-height:1.3;color:${TEXT};">${escapeHtml(say(`digest.draft.${d.purpose}`))}</h3>
${muted(`${escapeHtml(say('digest.to', { to }))}<br>${escapeHtml(say('digest.subjectLine', { subject: d.subject }))}${reported ? `<br><em>${escapeHtml(reported)}</em>` : ''}`)}
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 10px 0;"><tr><td bgcolor="#1d4ed8" style="background:#1d4ed8;border-radius:6px;">
<a href="${escapeHtml(draftMailto(d))}" style="display:inline-block;padding:10px 16px;font-family:${FONT};font-size:16px;font-weight:600;color:#ffffff;text-decoration:none;border-radius:6px;">${escapeHtml(say('digest.openEmail'))}</a>
</td></tr></table>
${quote(d.body)}${d.reading ? `\n${p(escapeHtml(say('digest.draftTranslation')), 'margin:10px 0 4px 0;')}\n${quote(`${d.reading.subject}\n\n${d.reading.body}`)}` : ''}
</div>`;
}

/** A letter's text as written, its line breaks kept. */
function quote(text: string): string {
  return `<div class="d-quote" style="margin:0;padding:12px;border-left:4px solid #93c5fd;background:#f3f4f6;font-size:15px;line-height:1.45;color:${TEXT};white-space:pre-wrap;word-wrap:break-word;overflow-wrap:anywhere;">${escapeHtml(text)}</div>`;
}

/** The calendar feed: what it is and both links, each a link a phone can tap. */
function calendarSection(child: string, url: string | null | undefined, say: Wording): string {
  if (!url) return '';
  const lines = calendarLines(say, child, url);
  const links = calendarLinks(url);
  const hrefs = [links.webcal, links.https];
  const items = lines.links.map((line, i) => {
    const href = hrefs[i] ?? links.https;
    const at = line.lastIndexOf(href);
    const words = at >= 0 ? line.slice(0, at) : `${line} `;
    return `${escapeHtml(words)}<a href="${escapeHtml(href)}" style="color:#1d4ed8;word-break:break-all;">${escapeHtml(href)}</a>`;
  });
  return section(
    say('digest.calendarHeading'),
    `${p(escapeHtml(lines.lead), 'margin-bottom:4px;')}
${list(items)}${muted(escapeHtml(lines.note))}`,
  );
}

export function renderDigestHtml(model: DigestModel, say: Wording, opts: DigestEmailOptions = {}): string {
  const child = childName(model, say);
  const subject = digestSubject(model, say);
  const app = plainLine(opts.appName ?? 'IEP service tracker', 60);
  const maxListed = opts.maxUnconfirmedListed ?? 15;

  const noServices = model.services.length === 0 ? p(escapeHtml(say('digest.noRequirements', { child }))) : '';
  const attention =
    model.flags.length > 0
      ? `${noServices}${list(model.flags.map((flag) => flagItem(flag, say)))}`
      : noServices || p(escapeHtml(say('digest.noFlags')));

  const services =
    model.services.length === 0
      ? p(escapeHtml(say('digest.noServices', { child })))
      : `${model.services.map((s) => serviceBlock(model, s, say)).join('\n')}${calendarNotes(model, say)
          .map((note) => muted(escapeHtml(note)))
          .join('')}`;

  const deadlines =
    model.deadlines.length === 0
      ? p(escapeHtml(say('digest.noDeadlines')))
      : list(
          model.deadlines.map(
            (d) =>
              `${escapeHtml(deadlineLine(model, d, say))}<br><span class="d-muted" style="font-size:14px;color:${MUTED};">${escapeHtml(deadlineRule(d, say))}</span>`,
          ),
        );

  const shown = model.unconfirmedEntries.slice(0, maxListed);
  const rest = model.unconfirmed - shown.length;
  const unconfirmed =
    model.unconfirmed === 0
      ? p(escapeHtml(say('digest.allConfirmed')))
      : `${p(escapeHtml(say.plural('digest.unconfirmedCount', model.unconfirmed, { intro: say('digest.unconfirmedIntro') })))}
${list(shown.map((e) => escapeHtml(entryLine(e, say))))}${rest > 0 ? muted(escapeHtml(say('digest.andMore', { count: rest }))) : ''}`;

  const note = lettersNote(model, say);
  const drafts =
    model.drafts.length === 0
      ? p(escapeHtml(say('digest.noDrafts')))
      : `${muted(escapeHtml(say('digest.draftsIntro')))}${note ? muted(escapeHtml(note)) : ''}\n${model.drafts.map((d) => draftBlock(d, say)).join('\n')}`;

  return `<!DOCTYPE html>
<html lang="${say.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${escapeHtml(subject)}</title>
<style>
@media (prefers-color-scheme: dark) {
  .d-page { background:#111827 !important; }
  .d-card { background:#1f2937 !important; border-color:#374151 !important; }
  .d-text { color:#f3f4f6 !important; }
  .d-muted { color:#d1d5db !important; }
  .d-quote { background:#111827 !important; color:#f3f4f6 !important; }
}
</style>
</head>
<body class="d-page" style="margin:0;padding:0;background:#f3f4f6;font-family:${FONT};-webkit-text-size-adjust:100%;">
<table role="presentation" class="d-page" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;background:#f3f4f6;" bgcolor="#f3f4f6">
<tr><td align="center" style="padding:12px 8px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;font-family:${FONT};word-wrap:break-word;overflow-wrap:anywhere;">
<tr><td class="d-card" style="background:#ffffff;padding:18px 16px 10px 16px;">
<h1 class="d-text" style="margin:0 0 4px 0;font-size:22px;line-height:1.25;color:${TEXT};">${escapeHtml(say('digest.title', { child }))}</h1>
${muted(escapeHtml(weekOfLine(model, say)))}
</td></tr>
${section(say('digest.section.attention'), attention)}
${section(say('digest.section.services'), services)}
${section(say('digest.section.setting'), settingSection(model, child, say))}
${section(say('digest.section.deadlines'), deadlines)}
${section(say('digest.section.unconfirmed'), unconfirmed)}
${section(say('digest.section.drafts'), drafts)}
${calendarSection(child, opts.calendarUrl, say)}
<tr><td style="padding:14px 16px;">${muted(escapeHtml(say('digest.footer', { app })))}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

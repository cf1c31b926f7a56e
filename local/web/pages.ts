// The web view's pages, rendered on the server. Every value from mail or the store goes through
// hono's `html` template, which escapes it; nothing here builds markup from strings by hand.
import { html } from 'hono/html';
import { DateTime } from 'luxon';
import { serviceName } from '../../shared/compliance/service-names';
import type { DeadlineRow } from '../../shared/deadlines/track-deadlines';
import { type Language, languageOf, letterLanguageOf } from '../../shared/render/language';
import { describeRecord } from '../../shared/render/record-words';
import type { Child } from '../../shared/store/families';
import type { StoredRecord } from '../../shared/store/records';
import type { ChildView, ReceivedEntry, SentEntry, TimelineEntry } from './child-view';

export type Html = ReturnType<typeof html>;

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Spanish (español)' };

/** What every form needs: the process's token, checked on each state-changing request. */
export interface FormContext {
  csrfToken: string;
}

const MESSAGE_STATUS: Record<ReceivedEntry['status'], string> = {
  received: 'received, not read yet',
  quarantined: "held: not from this family's people (kept, not read)",
  recorded: 'read',
  unreadable: 'could not be read (kept; the guardian was told)',
  'forwarding-verification': 'a forwarding confirmation, passed on to the guardians',
  reply: 'a reply to one of the answers',
  command: 'a command by email',
};

export function layout(title: string, body: Html, notice: string | null = null): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · IEP service tracker</title>
<link rel="stylesheet" href="/style.css">
</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
<header class="site"><a href="/">IEP service tracker</a> <span class="muted">local stack</span></header>
<main id="main">
${notice ? html`<p class="notice" role="status">${notice}</p>` : null}
${body}
</main>
</body>
</html>`;
}

function csrfField(form: FormContext): Html {
  return html`<input type="hidden" name="csrf" value="${form.csrfToken}">`;
}

function when(iso: string, timeZone: string): string {
  const at = DateTime.fromISO(iso, { zone: timeZone });
  return at.isValid ? at.toFormat('ccc LLL d, yyyy, h:mm a ZZZZ') : iso;
}

function childFacts(child: Child): Html {
  return html`<dl class="facts">
<dt>Inbound address</dt><dd><code>${child.inboundAddress}</code></dd>
<dt>Guardians</dt><dd>${child.guardians.join(', ')}</dd>
${child.allowedSenders.length > 0 ? html`<dt>Also allowed to write</dt><dd>${child.allowedSenders.join(', ')}</dd>` : null}
<dt>Time zone</dt><dd>${child.timeZone}</dd>
<dt>State</dt><dd>${child.state ?? 'not set (federal rules)'}</dd>
<dt>Language</dt><dd>${LANGUAGE_NAMES[languageOf(child)]}</dd>
<dt>Letters to the school</dt><dd>${LANGUAGE_NAMES[letterLanguageOf(child)]}</dd>
<dt>Digest</dt><dd>${child.paused ? 'paused' : child.nextDigestAt ? `next ${when(child.nextDigestAt, child.timeZone)}` : 'not scheduled'}</dd>
</dl>`;
}

export function childrenPage(children: readonly Child[]): Html {
  return html`<h1>Children</h1>
${
  children.length === 0
    ? html`<p>No families yet. Add one: <code>npx iep family add --child NAME --guardian EMAIL --tz ZONE</code></p>`
    : html`<ul class="cards">${children.map(
        (child) =>
          html`<li class="card"><h2><a href="/child/${child.id}">${child.name}</a>${
            child.paused ? html` <span class="tag">paused</span>` : null
          }</h2>${childFacts(child)}</li>`,
      )}</ul>`
}`;
}

function confirmation(record: StoredRecord): Html {
  if (record.deleted) return html`<span class="tag removed">removed</span>`;
  return record.confirmed
    ? html`<span class="tag confirmed">confirmed</span>`
    : html`<span class="tag">not confirmed yet</span>`;
}

function provenance(record: StoredRecord, subjects: ReadonlyMap<string, string>): Html {
  const subject = subjects.get(record.messageId);
  return html`<div class="source">From <a href="#msg-${record.messageId}">${subject || 'a message'}</a>, ${
    record.source.part
  }${record.source.line ? `, line ${record.source.line}` : ''}${
    record.source.excerpt ? html`:<blockquote>${record.source.excerpt}</blockquote>` : null
  }</div>`;
}

function recordItem(record: StoredRecord, subjects: ReadonlyMap<string, string> | null): Html {
  return html`<li class="${record.deleted ? 'record removed' : 'record'}"><span class="what">${describeRecord(record)}</span> ${confirmation(record)}${
    subjects
      ? provenance(record, subjects)
      : record.source.excerpt
        ? html`<blockquote>${record.source.excerpt}</blockquote>`
        : null
  }</li>`;
}

function replyForm(entry: SentEntry, child: Child, form: FormContext, index: number): Html {
  const id = `reply-${index}`;
  return html`<details class="reply"><summary>Reply to this answer as a guardian</summary>
<form method="post" action="/child/${child.id}/reply">
${csrfField(form)}
<input type="hidden" name="to" value="${entry.replyAddress}">
<input type="hidden" name="subject" value="${entry.subject}">
<label for="${id}-from">Send as</label>
<select id="${id}-from" name="from">${child.guardians.map((g) => html`<option>${g}</option>`)}</select>
<label for="${id}-text">Reply (one correction per line, e.g. <code>ok</code> or <code>1 20 min</code>)</label>
<textarea id="${id}-text" name="text" rows="4" required></textarea>
<button type="submit">Send reply</button>
</form></details>`;
}

function timelineItem(entry: TimelineEntry, view: ChildView, form: FormContext, index: number): Html {
  const zone = view.child.timeZone;
  if (entry.direction === 'in') {
    return html`<li class="entry in" id="msg-${entry.messageId}"><article>
<h3><span class="dir">Received</span> ${entry.subject || '(no subject)'}</h3>
<p class="meta"><time datetime="${entry.at}">${when(entry.at, zone)}</time> · from ${entry.from || 'unknown sender'} · ${MESSAGE_STATUS[entry.status]}</p>
${entry.quarantineReason ? html`<p>${entry.quarantineReason}</p>` : null}
${
  entry.records.length > 0
    ? html`<p>Recorded from it:</p><ol class="records">${entry.records.map((r) => recordItem(r, null))}</ol>`
    : entry.status === 'recorded'
      ? html`<p>Nothing recorded from it${entry.alreadyRecorded > 0 ? ` (${entry.alreadyRecorded} already recorded)` : ''}.</p>`
      : null
}
</article></li>`;
  }
  return html`<li class="entry out"><article>
<h3><span class="dir">Sent</span> ${entry.subject}</h3>
<p class="meta"><time datetime="${entry.at}">${when(entry.at, zone)}</time> · to ${entry.to.join(', ')}${
    entry.attachments.length > 0 ? ` · attached: ${entry.attachments.join(', ')}` : ''
  }</p>
<details><summary>Read the message</summary><pre>${entry.text}</pre></details>
${entry.replyAddress ? replyForm(entry, view.child, form, index) : null}
</article></li>`;
}

function recordList(title: string | null, records: readonly StoredRecord[], view: ChildView): Html | null {
  if (records.length === 0) return null;
  return html`${title ? html`<h4>${title}</h4>` : null}<ul class="records">${records.map((r) => recordItem(r, view.subjects))}</ul>`;
}

/** Removed records stay in the timeline (struck through) and the export; here only what stands. */
function recordsSection(view: ChildView): Html {
  const live = view.records.filter((r) => !r.deleted);
  const byDate = (a: { date: string }, b: { date: string }) => a.date.localeCompare(b.date);
  const sessions = live.flatMap((r) => (r.kind === 'session' ? [r] : [])).sort(byDate);
  const requirements = live.flatMap((r) => (r.kind === 'requirement' ? [r] : []));
  const services = [...new Set([...requirements, ...sessions].map((r) => r.service))];
  const setting = live.filter((r) => r.kind === 'setting-event' || r.kind === 'setting-percent');
  const dates = live.flatMap((r) => (r.kind === 'date' ? [r] : [])).sort(byDate);
  const capitalised = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);
  return html`<section aria-labelledby="records"><h2 id="records">Records</h2>
${live.length === 0 ? html`<p>Nothing recorded yet.</p>` : null}
${services.map(
  (service) => html`<h3>${capitalised(serviceName(service))}</h3>
${recordList(
  'What the IEP requires',
  requirements.filter((r) => r.service === service),
  view,
)}
${recordList(
  'Sessions',
  sessions.filter((s) => s.service === service),
  view,
)}`,
)}
${setting.length > 0 ? html`<h3>Setting</h3>${recordList(null, setting, view)}` : null}
${dates.length > 0 ? html`<h3>Requests, meetings and reviews</h3>${recordList(null, dates, view)}` : null}
</section>`;
}

function deadlinesSection(rows: readonly DeadlineRow[], view: ChildView): Html {
  return html`<section aria-labelledby="deadlines"><h2 id="deadlines">Deadlines</h2>
<p>As of ${view.asOf}, under ${view.child.state ? `${view.child.state} and federal` : 'federal'} rules.</p>
${
  rows.length === 0
    ? html`<p>None: no request, consent or review date has been recorded.</p>`
    : html`<ol class="deadlines">${rows.map(
        (
          row,
        ) => html`<li><strong>${row.type.replace(/-/g, ' ')}</strong> from ${row.from}: ${row.due ? `due ${row.due}` : 'no deadline'}, <span class="tag">${row.status}</span>
<p class="rule">${row.rule} <cite>${row.citation}</cite></p></li>`,
      )}</ol>`
}
${
  view.calendarUrl
    ? html`<p>Calendar feed (private; subscribe in a calendar app): <code>${view.calendarUrl}</code></p>`
    : null
}
</section>`;
}

function digestSection(view: ChildView): Html {
  const src = `/child/${view.child.id}/digest.html?asOf=${view.asOf}`;
  return html`<section aria-labelledby="digest"><h2 id="digest">Weekly digest</h2>
<form method="get" action="/child/${view.child.id}#digest" class="inline">
<label for="asOf">Week ending on</label>
<input id="asOf" name="asOf" type="date" value="${view.asOf}" required>
<button type="submit">Show</button>
</form>
<p><a href="${src}">Open the digest for the week ending ${view.asOf} on its own</a></p>
<iframe class="digest" src="${src}" title="The digest email for the week ending ${view.asOf}, as the guardians would see it" sandbox=""></iframe>
</section>`;
}

function sendSection(view: ChildView, form: FormContext): Html {
  return html`<section aria-labelledby="send"><h2 id="send">Send mail as a guardian</h2>
<p>Delivered to <code>${view.child.inboundAddress}</code> through the same pipeline as mail arriving over SMTP,
sender checks included: the message's own <code>From</code> decides whether it is read.</p>
<form method="post" action="/child/${view.child.id}/send" enctype="multipart/form-data">
${csrfField(form)}
<label for="eml-text">Paste a message's source (.eml)</label>
<textarea id="eml-text" name="eml" rows="6"></textarea>
<label for="eml-file">or choose an .eml file</label>
<input id="eml-file" name="file" type="file" accept=".eml,message/rfc822">
<button type="submit">Deliver</button>
</form>
<p>To correct or confirm what was recorded, reply to one of the answers in the timeline below.</p>
</section>`;
}

function exportSection(view: ChildView, form: FormContext): Html {
  const base = `/child/${view.child.id}/export`;
  return html`<section aria-labelledby="export"><h2 id="export">Export and delete</h2>
<ul>
<li><a href="${base}/records.csv" download>records.csv</a>: every record, removed ones included, with where it came from</li>
<li><a href="${base}/deadlines.ics" download>deadlines.ics</a>: the open deadlines and IEP meetings</li>
<li><a href="${base}/originals.zip" download>originals.zip</a>: every stored message, exactly as received</li>
</ul>
<form method="post" action="/child/${view.child.id}/delete" class="danger">
${csrfField(form)}
<input id="delete-yes" name="yes" type="checkbox" value="yes" required>
<label for="delete-yes" class="check">Delete ${view.child.name}'s records, stored messages and address. This cannot be undone.</label>
<button type="submit">Delete everything kept for ${view.child.name}</button>
</form>
</section>`;
}

export function childPage(view: ChildView, form: FormContext): Html {
  return html`<nav aria-label="Breadcrumb"><a href="/">All children</a></nav>
<h1>${view.child.name}</h1>
${childFacts(view.child)}
<nav aria-label="On this page"><ul class="toc">
<li><a href="#timeline">Timeline</a></li><li><a href="#records">Records</a></li><li><a href="#digest">Digest</a></li>
<li><a href="#deadlines">Deadlines</a></li><li><a href="#send">Send as a guardian</a></li><li><a href="#export">Export and delete</a></li>
</ul></nav>
<section aria-labelledby="timeline"><h2 id="timeline">Timeline</h2>
${
  view.timeline.length === 0
    ? html`<p>No mail yet.</p>`
    : html`<ol class="timeline">${view.timeline.map((entry, i) => timelineItem(entry, view, form, i))}</ol>`
}
</section>
${recordsSection(view)}
${digestSection(view)}
${deadlinesSection(view.deadlines, view)}
${sendSection(view, form)}
${exportSection(view, form)}`;
}

export function errorPage(title: string, message: string): Html {
  return layout(title, html`<h1>${title}</h1><p>${message}</p><p><a href="/">All children</a></p>`);
}

export const STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #4b5563; --line: #d1d5db; --accent: #1d4ed8; --bg: #ffffff; --soft: #f3f4f6; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
main, header.site { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
main { padding-bottom: 3rem; overflow-wrap: anywhere; }
header.site { padding-top: .75rem; padding-bottom: .75rem; border-bottom: 1px solid var(--line); }
header.site a { font-weight: 700; color: var(--ink); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible {
  outline: 3px solid #f59e0b; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: .5rem; background: var(--bg); padding: .25rem .5rem; }
.muted, .meta { color: var(--muted); }
h1 { font-size: 1.75rem; margin: 1rem 0 .5rem; }
h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 0 0 .25rem; }
section > h3 { font-size: 1.15rem; margin-top: 1.25rem; }
h4 { font-size: 1rem; margin: .75rem 0 .25rem; color: var(--muted); }
code { font-size: .9em; background: var(--soft); padding: 0 .2em; border-radius: 3px; }
dl.facts { display: grid; grid-template-columns: minmax(7rem, max-content) 1fr; gap: .25rem 1rem; margin: .5rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; min-width: 0; }
ul.cards, ol.timeline, ul.records, ol.records, ol.deadlines, ul.toc { padding-left: 0; list-style: none; }
ol.records { list-style: decimal; padding-left: 1.5rem; }
.card h2 { margin-top: 0; border: 0; }
@media (max-width: 36rem) { dl.facts { grid-template-columns: 1fr; gap: 0; } dl.facts dd { margin-bottom: .4rem; } }
.card, .entry { border: 1px solid var(--line); border-radius: 6px; padding: .75rem; margin: .75rem 0; }
.entry.out { background: var(--soft); }
.dir { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin-right: .25rem; }
ul.toc { display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.record { margin: .5rem 0; }
.record.removed .what { text-decoration: line-through; }
.tag { display: inline-block; font-size: .8rem; border: 1px solid var(--muted); border-radius: 999px; padding: 0 .5rem; color: var(--ink); }
.tag.confirmed { border-color: #166534; color: #166534; }
.tag.removed { border-color: #991b1b; color: #991b1b; }
blockquote { margin: .25rem 0 .25rem .5rem; padding-left: .75rem; border-left: 3px solid var(--line); color: var(--muted); }
.source { font-size: .95rem; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: .9rem; background: var(--bg); border: 1px solid var(--line); padding: .5rem; }
label { display: block; margin: .5rem 0 .25rem; font-weight: 600; }
label.check { display: inline; font-weight: 400; }
input, select, textarea, button { font: inherit; max-width: 100%; }
textarea, select, input[type=date] { width: 100%; padding: .4rem; border: 1px solid var(--muted); border-radius: 4px; }
button { display: inline-block; margin-top: .5rem; padding: .5rem 1rem; border: 0; border-radius: 4px; background: var(--accent); color: #fff; cursor: pointer; min-height: 44px; }
form.inline { display: flex; flex-wrap: wrap; align-items: end; gap: .5rem; }
form.inline label { margin: 0; width: 100%; }
form.inline input { width: auto; flex: 1 1 10rem; }
form.danger button { background: #991b1b; }
details { margin: .5rem 0; }
summary { cursor: pointer; color: var(--accent); min-height: 24px; }
iframe.digest { width: 100%; height: 70rem; border: 1px solid var(--line); border-radius: 6px; }
.notice { border: 2px solid var(--accent); border-radius: 6px; padding: .5rem .75rem; background: #eff6ff; }
.rule { margin: .25rem 0 .75rem; color: var(--muted); }
`;

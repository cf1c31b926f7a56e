// Who wrote each labelled corpus message and on which day, against the hand-written labels in
// ../shared/corpus/{dev,dev-tx}: `sender` (lower-cased) and `sentOn` (in the folder's time zone).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { authoredOn } from '../../shared/mail/authored-on';
import { readMessage } from '../../shared/mail/read-message';

const corpusRoot = join(process.cwd(), '..', 'shared', 'corpus');
const folders = ['dev', 'dev-tx']
  .map((name) => join(corpusRoot, name))
  .filter((f) => existsSync(join(f, 'corpus.json')));
const present = folders.length > 0;
if (!present) console.warn(`Skipped the corpus reading suite: ${corpusRoot} does not exist.`);

/** Floors a little under what the reader reaches today (62/62 on both), so a regression fails. */
const senderFloor = 60;
const sentOnFloor = 60;

interface Outcome {
  file: string;
  senderOk: boolean;
  sentOnOk: boolean;
  detail: string;
}

async function readCorpus(): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const folder of folders) {
    const { tz } = JSON.parse(readFileSync(join(folder, 'corpus.json'), 'utf8')) as { tz: string };
    for (const file of readdirSync(folder)
      .filter((f) => f.endsWith('.eml'))
      .sort()) {
      const expected = JSON.parse(readFileSync(join(folder, file.replace(/\.eml$/, '.expected.json')), 'utf8')) as {
        sender: string | null;
        sentOn: string | null;
      };
      const read = await readMessage(readFileSync(join(folder, file)));
      const sender = read.author?.address?.toLowerCase() ?? null;
      const sentOn = authoredOn(read, tz);
      outcomes.push({
        file,
        senderOk: sender === expected.sender,
        sentOnOk: sentOn === expected.sentOn,
        detail: `sender ${sender} (want ${expected.sender}), sentOn ${sentOn} (want ${expected.sentOn})`,
      });
    }
  }
  return outcomes;
}

describe.skipIf(!present)('readMessage on the labelled corpus', () => {
  it('finds the original author and the day they wrote for (nearly) every message', async () => {
    // Act
    const outcomes = await readCorpus();

    // Assess
    const senders = outcomes.filter((o) => o.senderOk).length;
    const days = outcomes.filter((o) => o.sentOnOk).length;
    console.log(`corpus: sender ${senders}/${outcomes.length}, sentOn ${days}/${outcomes.length}`);
    const wrong = outcomes.filter((o) => !o.senderOk || !o.sentOnOk).map((o) => `${o.file}: ${o.detail}`);
    if (wrong.length > 0) console.log(`not right:\n  ${wrong.join('\n  ')}`);
    expect(senders).toBeGreaterThanOrEqual(senderFloor);
    expect(days).toBeGreaterThanOrEqual(sentOnFloor);
  }, 60_000);
});

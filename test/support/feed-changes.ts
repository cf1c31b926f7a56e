// The writes that change what a child's calendar feed shows, one after another, for the tests of
// the feed's validator through the local stack and through the calendar function: after each,
// `check` is called with the change's name and must see a new version.
import type { Repositories } from '../../shared/ports/repositories';
import type { StoredRecord } from '../../shared/store/records';
import { storedRecord } from './stored-records';

export async function changeWhatTheFeedShows(
  services: Pick<Repositories, 'records' | 'children'>,
  childId: string,
  check: (change: string) => Promise<void>,
): Promise<void> {
  const added = storedRecord(childId, 'date', { type: 'meeting-request', date: '2099-12-01', end: null });
  await services.records.putIfNew(added);
  await check('a new date');
  const at = '2026-11-05T00:00:00.000Z';
  await services.records.saveVersion(childId, added.id, (current) => ({
    record: { ...current, date: '2099-12-08' } as StoredRecord,
    change: { at, action: 'corrected', by: 'operator', before: { date: '2099-12-01' } },
  }));
  await check('a correction');
  await services.records.saveVersion(childId, added.id, (current) => ({
    record: { ...current, deleted: true },
    change: { at, action: 'deleted', by: 'operator' },
  }));
  await check('a deletion');
  await services.children.setLanguage(childId, 'es');
  await check('a language change');
}

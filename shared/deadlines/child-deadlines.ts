// A child's deadlines on a day, as the digest tracks them and `done N` / `dismiss N` number them.
import { deadlinesOf, groupForDigest } from '../digest/digest-input';
import type { Repositories } from '../ports/repositories';
import type { IsoDate } from '../records/types';
import type { Deadline } from './track-deadlines';

/** Every deadline of the child on `asOf`, in the order `done N` numbers them; [] for no child. */
export async function childDeadlines(
  deps: Pick<Repositories, 'children' | 'records' | 'deadlineMarks'>,
  childId: string,
  asOf: IsoDate,
): Promise<Deadline[]> {
  const child = await deps.children.get(childId);
  if (!child) return [];
  const [records, marks] = await Promise.all([deps.records.list(childId), deps.deadlineMarks.list(childId)]);
  return deadlinesOf(groupForDigest(records).dates, child, asOf, marks);
}

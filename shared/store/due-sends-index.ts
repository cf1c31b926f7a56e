// The digest and reminder indexes of the table, as the hourly runs read them (the rules of who is
// due are in shared/scheduling).
import type { DueSendsIndex } from '../ports/due-sends-index';
import { listDueChildIds } from './families';
import { listChildIdsInZone, listReminderZones } from './reminder-index';
import type { TableContext } from './table-context';

export function tableDueSendsIndex(ctx: TableContext): DueSendsIndex {
  return {
    digestChildIds: (hour) => listDueChildIds(ctx, hour),
    reminderZones: () => listReminderZones(ctx),
    reminderChildIds: (zone) => listChildIdsInZone(ctx, zone),
  };
}

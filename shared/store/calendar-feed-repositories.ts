// The repositories a calendar feed reads, apart from the rest of the table's: the feed function
// loads only these (and not the families' or messages' schemas), so it starts faster.
import type { CalendarTokenRepository, ChildRepository } from '../ports/repositories';
import { calendarFeedState, currentCalendarToken, ensureCalendarToken, rotateCalendarToken } from './calendar-tokens';
import { readChildPartition } from './child-partition';
import type { TableContext } from './table-context';

export function tableCalendarTokens(ctx: TableContext): CalendarTokenRepository {
  return {
    current: (childId) => currentCalendarToken(ctx, childId),
    ensure: (childId, timeZone) => ensureCalendarToken(ctx, childId, timeZone),
    rotate: (childId, timeZone) => rotateCalendarToken(ctx, childId, timeZone),
    feedState: (token) => calendarFeedState(ctx, token),
  };
}

/** What serving a feed reads: the token's item and the child's partition. */
export function calendarFeedRepositories(ctx: TableContext): {
  calendarTokens: CalendarTokenRepository;
  children: Pick<ChildRepository, 'partition'>;
} {
  return {
    calendarTokens: tableCalendarTokens(ctx),
    children: { partition: (childId, options) => readChildPartition(ctx, childId, options) },
  };
}

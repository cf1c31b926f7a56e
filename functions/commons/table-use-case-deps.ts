// Every repository of the table and the clock, for the handlers that need nothing else (send feedback).
import type { Clock } from '../../shared/ports/clock';
import { type TableOnlyRepositories, tableOnlyRepositories } from '../../shared/store/repositories';
import { lambdaTable } from './table';

export function lambdaTableUseCaseDeps(): TableOnlyRepositories & { clock: Clock } {
  const context = lambdaTable();
  return { ...tableOnlyRepositories(context), clock: context.clock };
}

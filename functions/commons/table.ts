// The Lambda composition root, first part: the table, for the handlers that only read or write it
// (calendar feed, send feedback, the hourly dispatch). Built once per cold start; nothing of mail
// reading or sending is imported, so those functions load the DynamoDB client and little else.
// The repositories are composed where they are used (table-use-case-deps.ts, or the few a
// function needs), so a function that reads little does not load every item schema.
import { createDynamoClient } from '../../shared/adapters/dynamodb-table';
import { systemClock } from '../../shared/ports/clock';
import type { TableContext } from '../../shared/store/table-context';
import { handlerEnvironment } from './environment';

let table: TableContext | undefined;

export function lambdaTable(): TableContext {
  if (table) return table;
  const env = handlerEnvironment();
  const db = createDynamoClient({ region: env.AWS_REGION });
  table = { db, tableName: env.TABLE_NAME, clock: systemClock };
  return table;
}

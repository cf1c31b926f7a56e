import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable } from '../../shared/adapters/dynamodb-table';
import { type LocalServers, startLocalServers } from './ingest-local-servers';

let servers: LocalServers;

beforeAll(async () => {
  servers = await startLocalServers();
});

afterAll(async () => {
  await servers?.close();
});

describe('the table', () => {
  it('ensureTable can be called concurrently and again, and leaves one on-demand table with one index', async () => {
    // Act
    await Promise.all([ensureTable(servers.db, 'twice'), ensureTable(servers.db, 'twice')]);
    await ensureTable(servers.db, 'twice');
    // Assess
    const described = await servers.db.send(new DescribeTableCommand({ TableName: 'twice' }));
    expect(described.Table?.TableStatus).toBe('ACTIVE');
    expect(described.Table?.BillingModeSummary?.BillingMode ?? 'PAY_PER_REQUEST').toBe('PAY_PER_REQUEST');
    expect(described.Table?.KeySchema?.map((k) => k.AttributeName)).toEqual(['pk', 'sk']);
    expect(described.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['gsi1']);
  });

  it('works with a plain DynamoDB client as well as the DocumentClient', async () => {
    const endpoint = await servers.db.config.endpoint?.();
    const plain = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: endpoint ? `${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}` : undefined,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await ensureTable(plain, 'plain');
    const described = await plain.send(new DescribeTableCommand({ TableName: 'plain' }));
    plain.destroy();
    expect(described.Table?.TableStatus).toBe('ACTIVE');
  });
});

// The benchmark's workloads that start local servers (embedded DynamoDB, SMTP, the SES outbox),
// run on tiny inputs so that `npm run bench` does not rot between runs.
import { describe, expect, test } from 'vitest';
import { loadCorpus } from '../../bench/corpus';
import {
  benchCalendarFeed,
  benchDigest,
  benchDispatch,
  benchIngest,
  setUpDispatch,
  setUpSchoolYear,
} from '../../bench/workloads';

describe('the benchmark workloads on tiny inputs', () => {
  test('ingest over SMTP counts the DynamoDB requests and finds the answers in the outbox', async () => {
    // Prepare
    const corpus = loadCorpus();
    // Act
    const run = await benchIngest(corpus, 3);
    // Assess
    expect(run.messages).toBe(3);
    expect(run.failed).toBe(0);
    expect(run.requests.writes).toBeGreaterThan(0);
    expect(run.requests.total).toBe(run.requests.reads + run.requests.writes);
    expect(run.latencyMs.p95).toBeGreaterThanOrEqual(run.latencyMs.p50);
  });

  test('the digest of a stored school year is loaded and computed, its requests counted', async () => {
    // Prepare
    const year = await setUpSchoolYear(5);
    try {
      // Act
      const run = await benchDigest(year);
      // Assess
      expect(run.records).toBe(year.records);
      expect(run.recordQueryPages).toBeGreaterThanOrEqual(1);
      expect(run.loadMs + run.computeMs).toBeCloseTo(run.totalMs, 6);
    } finally {
      await year.stack.stop();
    }
  });

  test("the year's calendar feed costs a read and a query, and a matching conditional request one read", async () => {
    // Prepare
    const year = await setUpSchoolYear(5);
    try {
      // Act
      const run = await benchCalendarFeed(year);
      // Assess
      expect(run.answeredNotModified).toBe(true);
      expect(run.notModified.byCommand).toEqual({ GetItemCommand: 1 });
      expect(run.fullFeed.byCommand).toEqual({ GetItemCommand: 1, QueryCommand: 1 });
      expect(run.eventsInFeed).toBeGreaterThan(0);
    } finally {
      await year.stack.stop();
    }
  });

  test('every child due in the hour is found, without a scan', async () => {
    // Prepare
    const due = await setUpDispatch(12);
    try {
      // Act
      const run = await benchDispatch(due);
      // Assess
      expect(run.found).toBe(12);
      expect(run.requests.byCommand.ScanCommand ?? 0).toBe(0);
    } finally {
      await due.stack.stop();
    }
  });
});

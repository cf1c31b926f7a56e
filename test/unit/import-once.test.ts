import { describe, expect, test } from 'vitest';
import { importOnce } from '../../shared/import-once';

describe('importOnce', () => {
  test('loads on the first call only and hands every caller the same module', async () => {
    let loads = 0;
    const reader = importOnce(async () => {
      loads++;
      return { read: () => 'text' };
    });
    expect(loads).toBe(0);
    const [first, second] = await Promise.all([reader(), reader()]);
    expect(await reader()).toBe(first);
    expect(second).toBe(first);
    expect(loads).toBe(1);
  });

  test('a failed load is not kept: the next call tries again', async () => {
    let loads = 0;
    const reader = importOnce(async () => {
      loads++;
      if (loads === 1) throw new Error('not there');
      return 'module';
    });
    await expect(reader()).rejects.toThrow('not there');
    expect(await reader()).toBe('module');
    expect(loads).toBe(2);
  });
});

// The local stand-in for EventBridge Scheduler: named jobs, fired at the top of the hour.
import { describe, expect, it } from 'vitest';
import { createScheduler } from '../../local/scheduler';
import { fixedClock } from '../../shared/ports/clock';

describe('the local scheduler', () => {
  it('runs a registered job for the hour that has started', async () => {
    // Prepare
    const scheduler = createScheduler({ clock: fixedClock('2026-11-23T15:42:10Z') });
    const runs: string[] = [];
    scheduler.register({ name: 'dispatch', run: async (at) => void runs.push(at.toISOString()) });

    // Act
    await scheduler.runNow('dispatch');

    // Assess
    expect(runs).toEqual(['2026-11-23T15:00:00.000Z']);
    expect(scheduler.registered()).toEqual(['dispatch']);
  });

  it('runs a job started just before the hour for that hour, as an hourly Lambda invoked then would', async () => {
    // Prepare
    const scheduler = createScheduler({ clock: fixedClock('2026-11-23T15:57:30Z') });
    const runs: string[] = [];
    scheduler.register({ name: 'reminders', run: async (at) => void runs.push(at.toISOString()) });

    // Act
    await scheduler.runNow('reminders');

    // Assess
    expect(runs).toEqual(['2026-11-23T16:00:00.000Z']);
  });

  it('does not start a job again while its previous run is still going', async () => {
    // Prepare
    const scheduler = createScheduler({ clock: fixedClock('2026-11-23T15:00:00Z') });
    let started = 0;
    let finish: () => void = () => {};
    scheduler.register({
      name: 'reminders',
      run: () => {
        started += 1;
        return new Promise<void>((done) => {
          finish = done;
        });
      },
    });

    // Act
    const first = scheduler.runNow('reminders');
    const second = scheduler.runNow('reminders');
    finish();
    await Promise.all([first, second]);

    // Assess
    expect(started).toBe(1);
  });

  it('keeps running after a job fails, and reports the failure without its message', async () => {
    // Prepare
    const lines: string[] = [];
    const scheduler = createScheduler({ clock: fixedClock('2026-11-23T15:00:00Z'), log: (line) => lines.push(line) });
    scheduler.register({ name: 'dispatch', run: () => Promise.reject(new TypeError('lena@example.com')) });

    // Act
    await scheduler.runNow('dispatch');

    // Assess
    expect(lines).toEqual(['scheduler: dispatch failed (TypeError)']);
  });

  it('refuses a job registered twice and a job never registered', async () => {
    // Prepare
    const scheduler = createScheduler({ clock: fixedClock('2026-11-23T15:00:00Z') });
    scheduler.register({ name: 'dispatch', run: async () => {} });

    // Act, Assess
    expect(() => scheduler.register({ name: 'dispatch', run: async () => {} })).toThrow(/registered twice/);
    await expect(scheduler.runNow('reminders')).rejects.toThrow(/No scheduled job/);
  });

  it('fires at the top of the next hour and stops cleanly', async () => {
    // Prepare: a clock 20 ms before the hour
    let now = Date.parse('2026-11-23T15:59:59.980Z');
    const scheduler = createScheduler({ clock: { now: () => new Date(now) } });
    const runs: string[] = [];
    scheduler.register({ name: 'dispatch', run: async (at) => void runs.push(at.toISOString()) });

    // Act
    scheduler.start();
    await new Promise((done) => setTimeout(done, 200));
    now += 200;
    await scheduler.stop();

    // Assess
    expect(runs).toEqual(['2026-11-23T16:00:00.000Z']);
  });
});

/** The idle lock against a hand-driven clock: fake timers and a fake system idle counter. */
import { describe, expect, it } from 'vitest';
import type { Timers } from '../../../src-main/core/clipboard-policy';
import { AppLock } from '../../../src-main/core/lock/app-lock';
import { IdleLock } from '../../../src-main/core/lock/idle-lock';
import type { IdleSource } from '../../../src-main/core/ports';

/** Time that moves only when told, with the system's last input and away events under test control. */
class FakeSystem implements Timers, IdleSource {
  now = 0;
  lastInput = 0;
  idleReads = 0;
  private tasks = new Map<number, { at: number; run: () => void }>();
  private nextId = 1;
  private awayListeners = new Set<() => void>();

  setTimeout(run: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.tasks.set(id, { at: this.now + ms, run });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.tasks.delete(handle as number);
  }

  get pending(): number {
    return this.tasks.size;
  }

  idleSeconds(): number {
    this.idleReads++;
    return Math.floor((this.now - this.lastInput) / 1000);
  }

  onAway(listener: () => void): () => void {
    this.awayListeners.add(listener);
    return () => this.awayListeners.delete(listener);
  }

  goAway(): void {
    for (const listener of this.awayListeners) listener();
  }

  userActs(): void {
    this.lastInput = this.now;
  }

  /** Runs every timer due within `seconds`, in order, with `now` at each one's time. */
  async advance(seconds: number): Promise<void> {
    const end = this.now + seconds * 1000;
    for (;;) {
      const due = [...this.tasks]
        .filter(([, t]) => t.at <= end)
        .sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) break;
      this.tasks.delete(due[0]);
      this.now = due[1].at;
      due[1].run();
      await flush();
    }
    this.now = end;
  }
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

function setUp(minutes: number) {
  const system = new FakeSystem();
  const lock = new AppLock();
  const idle = new IdleLock({ lock, source: system, minutes, timers: system });
  idle.start();
  return { system, lock, idle };
}

describe('IdleLock', () => {
  it('locks once the system has been idle for the set minutes, not a second before', async () => {
    const { system, lock } = setUp(5);
    await system.advance(299);
    expect(lock.locked).toBe(false);
    await system.advance(1);
    expect(lock.locked).toBe(true);
  });

  it('counts from the last input: activity postpones the lock', async () => {
    const { system, lock } = setUp(5);
    await system.advance(200);
    system.userActs();
    await system.advance(299);
    expect(lock.locked).toBe(false);
    await system.advance(1);
    expect(lock.locked).toBe(true);
  });

  it('reads the idle time once per possible lock, not on a busy poll', async () => {
    const { system } = setUp(15);
    await system.advance(14 * 60);
    // One read at start; nothing can lock before 15 minutes pass.
    expect(system.idleReads).toBe(1);
  });

  it('never locks by itself at 0 minutes, neither when idle nor when the system goes away', async () => {
    const { system, lock } = setUp(0);
    expect(system.pending).toBe(0);
    await system.advance(24 * 3600);
    system.goAway();
    await flush();
    expect(lock.locked).toBe(false);
  });

  it('applies a new setting at once: shorter than the idle time so far locks now', async () => {
    const { system, lock, idle } = setUp(15);
    await system.advance(6 * 60);
    expect(lock.locked).toBe(false);
    idle.setMinutes(5);
    await flush();
    expect(idle.minutes).toBe(5);
    expect(lock.locked).toBe(true);
  });

  it('applies a longer setting to the running count', async () => {
    const { system, lock, idle } = setUp(5);
    await system.advance(2 * 60);
    idle.setMinutes(10);
    await system.advance(3 * 60);
    expect(lock.locked).toBe(false);
    await system.advance(5 * 60);
    expect(lock.locked).toBe(true);
  });

  it('turning it off stops a running count; turning it on again starts one', async () => {
    const { system, lock, idle } = setUp(5);
    await system.advance(60);
    idle.setMinutes(0);
    expect(system.pending).toBe(0);
    await system.advance(3600);
    expect(lock.locked).toBe(false);
    idle.setMinutes(90);
    await flush();
    expect(lock.locked).toBe(false);
    await system.advance(30 * 60);
    expect(lock.locked).toBe(true);
  });

  it('locks when the system suspends or locks its screen', async () => {
    const { system, lock } = setUp(15);
    system.goAway();
    await flush();
    expect(lock.locked).toBe(true);
  });

  it('stops counting while locked and starts again on unlock', async () => {
    const { system, lock } = setUp(5);
    await lock.set(true);
    expect(system.pending).toBe(0);
    await system.advance(3600);
    system.userActs();
    await lock.set(false);
    await system.advance(299);
    expect(lock.locked).toBe(false);
    await system.advance(1);
    expect(lock.locked).toBe(true);
  });

  it('does nothing after stop', async () => {
    const { system, lock, idle } = setUp(5);
    idle.stop();
    expect(system.pending).toBe(0);
    system.goAway();
    await system.advance(3600);
    expect(lock.locked).toBe(false);
  });

  it('keeps the setting but watches nothing without an idle source', async () => {
    const system = new FakeSystem();
    const lock = new AppLock();
    const idle = new IdleLock({ lock, minutes: 5, timers: system });
    idle.start();
    idle.setMinutes(1);
    expect(idle.minutes).toBe(1);
    expect(system.pending).toBe(0);
    await flush();
    expect(lock.locked).toBe(false);
  });

  it('reports a lock that fails instead of leaving it unhandled', async () => {
    const system = new FakeSystem();
    const lock = new AppLock();
    lock.onChange(() => Promise.reject(new Error('clipboard gone')));
    const errors: unknown[] = [];
    const idle = new IdleLock({
      lock,
      source: system,
      minutes: 1,
      timers: system,
      onError: (e) => errors.push(e),
    });
    idle.start();
    await system.advance(60);
    expect(lock.locked).toBe(true);
    expect(errors).toEqual([new Error('clipboard gone')]);
  });
});

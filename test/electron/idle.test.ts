/** The powerMonitor adapter of the idle lock, against a mocked `electron` module (no binary here). */
import type { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ idleSeconds: 0, powerMonitor: undefined as unknown }));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const powerMonitor = Object.assign(new Emitter(), {
    getSystemIdleTime: () => electron.idleSeconds,
  });
  electron.powerMonitor = powerMonitor;
  return { powerMonitor };
});

const { ElectronIdleSource } = await import('../../src-main/electron/idle');
const powerMonitor = () => electron.powerMonitor as EventEmitter;

beforeEach(() => {
  electron.idleSeconds = 0;
  powerMonitor().removeAllListeners();
});

describe('ElectronIdleSource', () => {
  it("reports powerMonitor's system idle time", () => {
    electron.idleSeconds = 421;
    expect(new ElectronIdleSource().idleSeconds()).toBe(421);
  });

  it.each(['suspend', 'lock-screen'])('reports %s as the user going away', (event) => {
    const away = vi.fn();
    new ElectronIdleSource().onAway(away);
    powerMonitor().emit(event);
    expect(away).toHaveBeenCalledOnce();
  });

  it('ignores other power events, and stops listening when told', () => {
    const away = vi.fn();
    const stop = new ElectronIdleSource().onAway(away);
    powerMonitor().emit('resume');
    powerMonitor().emit('unlock-screen');
    stop();
    powerMonitor().emit('suspend');
    powerMonitor().emit('lock-screen');
    expect(away).not.toHaveBeenCalled();
    expect(powerMonitor().listenerCount('suspend')).toBe(0);
    expect(powerMonitor().listenerCount('lock-screen')).toBe(0);
  });
});

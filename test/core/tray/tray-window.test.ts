/** The tray's window items: "Sign in…" selects the profile, then asks the renderer for the sign-in screen. */
import { describe, expect, it } from 'vitest';
import { trayWindowControls } from '../../../src-main/core/tray/tray-window';
import type { ScreenRequest } from '../../../src-main/core/tray/tray-window';

function setUp(selectProfile: (id: string) => Promise<unknown> = async () => undefined) {
  const calls: string[] = [];
  const screens: ScreenRequest[] = [];
  const errors: unknown[] = [];
  const controls = trayWindowControls({
    show: (screen) => calls.push(`show:${screen ?? ''}`),
    selectProfile: async (id) => {
      calls.push(`select:${id}`);
      return selectProfile(id);
    },
    showScreen: (request) => {
      calls.push('showScreen');
      screens.push(request);
    },
    lock: async () => void calls.push('lock'),
    quit: () => calls.push('quit'),
    logError: (error) => errors.push(error),
  });
  return { controls, calls, screens, errors };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('trayWindowControls', () => {
  it('"Sign in…" shows the window, selects the profile, then asks for the sign-in screen on it', async () => {
    const { controls, calls, screens } = setUp();
    controls.open('p2');
    await settle();
    expect(calls).toEqual(['show:sign-in', 'select:p2', 'showScreen']);
    expect(screens).toEqual([{ screen: 'sign-in', profileId: 'p2' }]);
  });

  it('"Open window" only shows the window, wherever it was', async () => {
    const { controls, calls } = setUp();
    controls.open();
    await settle();
    expect(calls).toEqual(['show:']);
  });

  it('asks for no screen when the profile cannot be selected, and logs why', async () => {
    const gone = new Error('no such profile');
    const { controls, screens, errors } = setUp(() => Promise.reject(gone));
    controls.open('p9');
    await settle();
    expect(screens).toEqual([]);
    expect(errors).toEqual([gone]);
  });

  it('passes lock and quit through', async () => {
    const { controls, calls } = setUp();
    await controls.lock();
    controls.quit();
    expect(calls).toEqual(['lock', 'quit']);
  });
});

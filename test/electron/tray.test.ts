/** The Electron Tray adapter against a mocked `electron` module (no binary here). */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildTrayMenu } from '../../src-main/core/tray/model';
import type { TrayAction } from '../../src-main/core/tray/model';

const electron = vi.hoisted(() => {
  const trays: { tooltip?: string; menu?: unknown; destroyed: boolean }[] = [];
  return {
    trays,
    module: {
      nativeImage: { createFromPath: (path: string) => ({ path }) },
      Menu: { buildFromTemplate: (template: unknown) => ({ template }) },
      Tray: class {
        state = { destroyed: false } as { tooltip?: string; menu?: unknown; destroyed: boolean };
        constructor() {
          trays.push(this.state);
        }
        setToolTip(text: string) {
          this.state.tooltip = text;
        }
        setContextMenu(menu: unknown) {
          this.state.menu = menu;
        }
        destroy() {
          this.state.destroyed = true;
        }
      },
    },
  };
});
vi.mock('electron', () => electron.module);

const { createElectronTray } = await import('../../src-main/electron/tray');

/** The slice of Electron's MenuItemConstructorOptions the adapter fills in. */
interface MenuItemConstructorOptions {
  label?: string;
  type?: string;
  enabled?: boolean;
  submenu?: MenuItemConstructorOptions[];
  click?: () => void;
}

const NOW = Date.UTC(2026, 10, 26, 12);
const menu = buildTrayMenu({
  now: NOW,
  locked: false,
  profiles: [{ id: 'p1', name: 'Work', signedIn: true, expiresAt: NOW + 3_600_000 }],
  accounts: [{ id: 'a1', issuer: 'GitHub', account: 'alice', periodEndsAt: NOW + 2_000 }],
  pinned: [],
});

describe('Electron tray adapter', () => {
  let actions: TrayAction[];
  beforeEach(() => {
    actions = [];
    electron.trays.length = 0;
  });

  it('renders the model as a native menu whose clicks come back as actions', () => {
    const tray = createElectronTray('/icons/tray.png', (a) => actions.push(a));
    tray.render(menu);
    const state = electron.trays[0];
    expect(state?.tooltip).toBe('Cognito Authenticator — 1 of 1 profile signed in');
    const template = (state?.menu as { template: MenuItemConstructorOptions[] }).template;
    expect(template.map((i) => i.label ?? i.type)).toEqual([
      'Work',
      'separator',
      'Copy code',
      'separator',
      'Open Cognito Authenticator',
      'Lock',
      'Quit',
    ]);
    const work = template[0]?.submenu as MenuItemConstructorOptions[];
    expect(work[0]).toEqual({ label: 'Tokens expire in 60 min', enabled: false });
    const codes = template[2]?.submenu as MenuItemConstructorOptions[];
    expect(codes.map((i) => i.label)).toEqual([
      'GitHub (alice)',
      'GitHub (alice) — next code (this one ends in 2 s)',
    ]);

    const click = (item: MenuItemConstructorOptions | undefined) => item?.click?.();
    click(work[2]);
    click(codes[1]);
    click(template[6]);
    expect(actions).toEqual([
      { type: 'copy-token', profileId: 'p1', token: 'access' },
      { type: 'copy-code', accountId: 'a1', which: 'next' },
      { type: 'quit' },
    ]);
  });

  it('replaces the menu on every render and destroys the tray icon', () => {
    const tray = createElectronTray('/icons/tray.png', () => {});
    tray.render(menu);
    const first = electron.trays[0]?.menu;
    tray.render(buildTrayMenu({ now: NOW, locked: true, profiles: [], accounts: [], pinned: [] }));
    expect(electron.trays[0]?.menu).not.toBe(first);
    expect(electron.trays[0]?.tooltip).toBe('Cognito Authenticator — locked');
    tray.destroy();
    expect(electron.trays[0]?.destroyed).toBe(true);
  });
});

/**
 * The tray as the composition root wires it: the app's real services behind
 * it, only the Electron menu and window replaced by a recording shell.
 * Run under scripts/with-keyring.sh.
 */
import { describe, expect, it } from 'vitest';
import { MemoryClipboard } from '../../browser-host/memory-clipboard';
import type { AppServices } from '../../src-main/composition';
import { startTray } from '../../src-main/composition/tray';
import type { TrayItem, TrayMenu } from '../../src-main/core/tray/model';
import { useAppServices } from '../helpers/app-services';
import { dispatchOk } from '../helpers/dispatch';

const clipboard = new MemoryClipboard();
let app: AppServices;
useAppServices(
  'tray',
  () => ({ clipboard }),
  (a) => (app = a),
);

function labels(items: TrayItem[]): string[] {
  return items.flatMap((item) =>
    item.kind === 'separator'
      ? []
      : item.kind === 'submenu'
        ? [item.label, ...labels(item.items)]
        : [item.label],
  );
}

function findAction(menu: TrayMenu, label: string): TrayItem & { kind: 'action' } {
  const walk = (items: TrayItem[]): (TrayItem & { kind: 'action' }) | undefined => {
    for (const item of items) {
      if (item.kind === 'action' && item.label === label) return item;
      if (item.kind === 'submenu') {
        const found = walk(item.items);
        if (found) return found;
      }
    }
    return undefined;
  };
  const found = walk(menu.items);
  if (!found) throw new Error(`No "${label}" in the menu: ${labels(menu.items).join(', ')}`);
  return found;
}

describe('the tray over the app services', () => {
  it('shows the vault, copies a code, locks the app and hands window and quit to the shell', async () => {
    await dispatchOk(app, 'vault:addUri', {
      uri: 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
    });
    const menus: TrayMenu[] = [];
    const shown: (string | undefined)[] = [];
    let quits = 0;
    const tray = startTray(app, {
      render: (menu) => menus.push(menu),
      showWindow: (screen) => shown.push(screen),
      quit: () => quits++,
      logError: (error) => {
        throw error;
      },
    });
    try {
      await expect
        .poll(() => labels(menus.at(-1)?.items ?? []).some((l) => l.includes('GitHub')))
        .toBe(true);
      const codes = menus
        .at(-1)!
        .items.find(
          (i): i is TrayItem & { kind: 'submenu' } =>
            i.kind === 'submenu' && i.label === 'Copy code',
        );
      const copyCode = codes?.items.find(
        (i): i is TrayItem & { kind: 'action' } =>
          i.kind === 'action' && i.action.type === 'copy-code' && i.action.which === 'current',
      );
      expect(copyCode?.label).toContain('GitHub');
      tray.run(copyCode!.action);
      await expect.poll(() => clipboard.text).toMatch(/^\d{6}$/);

      tray.run(findAction(menus.at(-1)!, `Open Cognito Authenticator`).action);
      expect(shown).toEqual([undefined]);

      tray.run(findAction(menus.at(-1)!, 'Lock').action);
      await expect.poll(() => app.services.lock.locked).toBe(true);
      await expect.poll(() => menus.at(-1)?.tooltip).toBe('Cognito Authenticator — locked');
      // Locking takes the copied code back.
      expect(clipboard.text).toBe('');

      tray.run(findAction(menus.at(-1)!, 'Quit').action);
      await expect.poll(() => quits).toBe(1);
    } finally {
      tray.stop();
    }
  });
});

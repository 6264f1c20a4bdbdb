/**
 * The Electron Tray: renders the core's tray-menu model with
 * Menu.buildFromTemplate and forwards clicks as model actions. Everything
 * that decides what the menu says lives in core/tray.
 */
import { Menu, Tray, nativeImage } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import type { TrayAction, TrayItem, TrayMenu } from '../core/tray/model';

export interface ElectronTray {
  render(menu: TrayMenu): void;
  destroy(): void;
}

export function createElectronTray(
  iconPath: string,
  onAction: (action: TrayAction) => void,
): ElectronTray {
  const tray = new Tray(nativeImage.createFromPath(iconPath));
  return {
    render(menu) {
      tray.setToolTip(menu.tooltip);
      tray.setContextMenu(Menu.buildFromTemplate(toTemplate(menu.items, onAction)));
    },
    destroy() {
      tray.destroy();
    },
  };
}

export function toTemplate(
  items: TrayItem[],
  onAction: (action: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'info':
        return { label: item.label, enabled: false };
      case 'submenu':
        return { label: item.label, submenu: toTemplate(item.items, onAction) };
      case 'action':
        return { label: item.label, click: () => onAction(item.action) };
    }
  });
}

/**
 * The vault's ways in and out: the "Add account" menu, the "Import, back up…"
 * menu, and the empty state that lists the same ways to add.
 */
import type { VaultAccountView } from '../../../src-main/ipc/contract';
import { h } from '../../ui/dom';
import { menuButton } from '../../ui/menu';
import type { MenuButton } from '../../ui/menu';
import { addMethods } from './add-dialogs';
import { openBackup, openExport } from './backup-dialogs';
import { openImport } from './import-dialog';
import { openTrash } from './trash-dialog';

export interface VaultMenus {
  addMenu: MenuButton;
  moreMenu: MenuButton;
  emptyState: HTMLElement;
}

export function vaultMenus(o: {
  onAdded(view: VaultAccountView): void;
  /** Accounts came in by import, restore or from the Trash. */
  onImported(): void;
  onBackedUp(): void;
}): VaultMenus {
  const openImportDialog = (): void => openImport({ onImported: o.onImported });
  const addMenu = menuButton({
    label: 'Add account',
    buttonClass: 'button primary',
    align: 'end',
    items: () => [
      ...addMethods.map((m) => ({ label: m.label, onSelect: () => m.open(o.onAdded) })),
      { label: 'Import from another app…', onSelect: openImportDialog },
    ],
  });
  const moreMenu = menuButton({
    label: 'Import & backup',
    buttonClass: 'button',
    align: 'end',
    items: () => [
      { label: 'Import from another app…', onSelect: openImportDialog },
      {
        label: 'Back up…',
        onSelect: () => void openBackup().then((saved) => saved && o.onBackedUp()),
      },
      {
        label: 'Restore from a backup…',
        onSelect: () => openImport({ restore: true, onImported: o.onImported }),
      },
      { label: 'Export (not encrypted)…', onSelect: openExport },
      { label: 'Trash…', onSelect: () => openTrash(o.onImported) },
    ],
  });
  const emptyState = h(
    'section',
    { class: 'empty', 'aria-labelledby': 'vault-empty-title', hidden: true },
    h('h2', { id: 'vault-empty-title' }, 'No accounts yet'),
    h(
      'p',
      { class: 'first-start' },
      'New here? ',
      h('a', { href: '#/sign-in' }, 'Sign in to a pool'),
      ' first: the built-in demo pool lists test accounts to try every step with, a new hire whose pool requires MFA and a passwordless user included.',
    ),
    h(
      'p',
      {},
      'Add the accounts you sign in to with a one-time code. The codes are made on this computer, and the setup keys stay in your system keychain. These are the ways to add them:',
    ),
    h(
      'ul',
      { class: 'empty-ways' },
      ...addMethods.map((m) =>
        h(
          'li',
          {},
          h(
            'button',
            { type: 'button', class: 'button', onclick: () => m.open(o.onAdded) },
            m.label,
          ),
          h('p', { class: 'field-hint' }, m.description),
        ),
      ),
      h(
        'li',
        {},
        h(
          'button',
          { type: 'button', class: 'button', onclick: openImportDialog },
          'Import from another app',
        ),
        h(
          'p',
          { class: 'field-hint' },
          'An export of Google Authenticator, Aegis, 2FAS, Bitwarden, Ente Auth or andOTP, or a backup of this app.',
        ),
      ),
    ),
  );
  return { addMenu, moreMenu, emptyState };
}

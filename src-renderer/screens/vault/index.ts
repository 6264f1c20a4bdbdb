/**
 * The vault: live codes for every account, and the list's keyboard model.
 * Codes come from main; this screen only counts down between fetches and asks
 * again at each period boundary and on 'vault:changed'. The toolbar, the
 * menus (add, import, backup, Trash), the row actions and the dialogs are
 * their own modules.
 */
import type { VaultAccountView } from '../../../src-main/ipc/contract';
import { call, on } from '../../api';
import type { ScreenDefinition, Unmount } from '../../shell';
import { h, isTypingTarget } from '../../ui/dom';
import { errorPanel } from '../../ui/error-display';
import { spacedCode } from '../../ui/format';
import { announce, toast } from '../../ui/live';
import { accountLabel, accountRow } from './account-row';
import type { AccountRow } from './account-row';
import { backupReminder } from './backup-reminder';
import { rowActions } from './row-actions';
import { vaultMenus } from './vault-menus';
import { vaultToolbar } from './vault-toolbar';
import './vault-io.css';

const TICK_MS = 250;
/** Never ask main for codes more often than this, even if clocks disagree at a boundary. */
const MIN_REFRESH_MS = 1000;

function mountVault(container: HTMLElement): Unmount {
  let accounts: VaultAccountView[] = [];
  let receivedAt = 0;
  let loaded = false;
  let loadError: unknown;
  let inFlight: Promise<void> | undefined;
  let again = false;
  let lastFetchAt = Number.NEGATIVE_INFINITY;
  let activeId: string | undefined;
  const rows = new Map<string, AccountRow>();

  const toolbarParts = vaultToolbar(() => render());
  const search = toolbarParts.search;
  const { addMenu, moreMenu, emptyState } = vaultMenus({
    onAdded,
    onImported: () => void refresh(),
    onBackedUp: () => void reminder.check(),
  });
  const reminder = backupReminder();
  const list = h('ul', { class: 'accounts', 'aria-label': 'Accounts' });
  const noMatches = h('p', { class: 'no-matches', hidden: true });
  const status = h('p', { class: 'load-status' }, 'Loading your accounts…');
  const loadFailure = h('div', { hidden: true });
  const keyHint = h(
    'p',
    { class: 'keyboard-hint' },
    '↑/↓ move · Enter copies · / searches · Alt+↑/↓ reorders · F2 renames · Delete deletes',
  );
  const toolbar = toolbarParts.element;

  container.append(
    h(
      'div',
      { class: 'screen-header' },
      h('h1', { class: 'screen-title' }, 'Vault'),
      h('div', { class: 'screen-actions' }, moreMenu.element, addMenu.element),
    ),
    reminder.element,
    toolbar,
    status,
    loadFailure,
    emptyState,
    list,
    noMatches,
    keyHint,
  );

  const shownOrder = (): VaultAccountView[] => toolbarParts.ordered(accounts);
  const visibleRows = (): AccountRow[] =>
    shownOrder()
      .map((a) => rows.get(a.id))
      .filter((r): r is AccountRow => !!r && !r.element.hidden);

  const focusRow = (id: string | undefined): void => {
    const row = id ? rows.get(id) : undefined;
    if (!row || row.element.hidden) return;
    setActive(id);
    row.element.focus();
  };

  function setActive(id: string | undefined): void {
    activeId = id;
    const visible = visibleRows();
    const active = visible.find((r) => r.view.id === id) ?? visible[0];
    for (const row of rows.values()) row.element.tabIndex = row === active ? 0 : -1;
  }

  let announcedQuery = '';

  function applyFilter(): void {
    let shown = 0;
    for (const row of rows.values()) {
      const match = toolbarParts.matches(row.view);
      row.element.hidden = !match;
      if (match) shown += 1;
    }
    noMatches.hidden = shown > 0 || accounts.length === 0;
    const query = search.value.trim();
    noMatches.textContent = query ? `No accounts match “${query}”.` : 'No accounts in this group.';
    // The count is spoken when the search changes, not on every refresh of the codes.
    const q = query.toLowerCase();
    if (q !== announcedQuery) {
      announcedQuery = q;
      if (q && shown === 0) announce(noMatches.textContent);
      else if (q) announce(`${shown} of ${accounts.length} accounts match.`);
      else announce(`Showing all ${accounts.length} accounts.`);
    }
    setActive(activeId);
  }

  function render(): void {
    status.hidden = loaded || loadError !== undefined;
    loadFailure.hidden = loadError === undefined;
    if (loadError !== undefined) {
      loadFailure.replaceChildren(
        errorPanel('Your accounts could not be loaded', loadError, () => void refresh()),
      );
    }
    const empty = loaded && accounts.length === 0;
    emptyState.hidden = !empty;
    toolbar.hidden = !loaded || empty;
    keyHint.hidden = !loaded || empty;
    list.hidden = !loaded || empty;

    const focused = document.activeElement;
    const ids = new Set(accounts.map((a) => a.id));
    for (const [id, row] of rows) {
      if (!ids.has(id)) {
        row.element.remove();
        rows.delete(id);
      }
    }
    toolbarParts.setGroups(accounts);
    shownOrder().forEach((view, i) => {
      let row = rows.get(view.id);
      if (row) row.update(view);
      else {
        row = accountRow(view, actions);
        rows.set(view.id, row);
      }
      if (list.children[i] !== row.element)
        list.insertBefore(row.element, list.children[i] ?? null);
    });
    // Moving a focused node in the DOM drops its focus; give it back.
    if (
      focused instanceof HTMLElement &&
      focused !== document.activeElement &&
      focused.isConnected
    ) {
      focused.focus();
    }
    applyFilter();
    tick();
  }

  async function refresh(): Promise<void> {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = (async () => {
      do {
        again = false;
        lastFetchAt = performance.now();
        const before = new Map(accounts.map((a) => [a.id, a.code]));
        try {
          accounts = (await call('vault:list', {})).accounts;
          receivedAt = performance.now();
          loaded = true;
          loadError = undefined;
        } catch (e) {
          loadError = e;
        }
        render();
        announceNewCode(before);
      } while (again);
    })();
    try {
      await inFlight;
    } finally {
      inFlight = undefined;
    }
  }

  function focusedRow(): AccountRow | undefined {
    const el = document.activeElement?.closest('li.account');
    return el instanceof HTMLElement && el.dataset.id ? rows.get(el.dataset.id) : undefined;
  }

  function announceNewCode(before: Map<string, string | undefined>): void {
    const row = focusedRow();
    const old = row && before.get(row.view.id);
    if (row && old !== undefined && row.view.code !== undefined && old !== row.view.code) {
      announce(`New code for ${accountLabel(row.view)}: ${spacedCode(row.view.code)}`);
    }
  }

  function tick(): void {
    if (!loaded) return;
    const elapsed = performance.now() - receivedAt;
    const focused = focusedRow();
    let due = false;
    for (const row of rows.values()) {
      const wasEnding = row.element.classList.contains('ending');
      if (row.tick(elapsed)) due = true;
      if (row === focused && !wasEnding && row.element.classList.contains('ending')) {
        announce(`The code for ${accountLabel(row.view)} changes in a few seconds.`);
      }
    }
    // After a failed load, "Try again" is the way back: no retrying every second behind the user's back.
    if (due && loadError === undefined && performance.now() - lastFetchAt >= MIN_REFRESH_MS) {
      void refresh();
    }
  }

  function onAdded(view: VaultAccountView): void {
    toast(`Added ${accountLabel(view)}`);
    search.value = '';
    void refresh().then(() => focusRow(view.id));
  }

  const actions = rowActions({
    accounts: () => accounts,
    setAccounts: (next) => {
      accounts = next;
    },
    visibleRows,
    updateRow: (view) => rows.get(view.id)?.update(view),
    render,
    refresh,
    focusRow,
    focusFallback: () => addMenu.button.focus(),
    manualOrder: () => toolbarParts.sort === 'manual',
  });

  list.addEventListener('focusin', (event) => {
    const row = (event.target as HTMLElement).closest('li.account');
    if (row instanceof HTMLElement && row.dataset.id) setActive(row.dataset.id);
  });

  list.addEventListener('keydown', (event) => {
    const row = focusedRow();
    if (!row) return;
    const visible = visibleRows();
    const i = visible.indexOf(row);
    const onRow = event.target === row.element;
    const go = (to: number): void => {
      const target = visible[Math.max(0, Math.min(visible.length - 1, to))];
      if (target) focusRow(target.view.id);
    };
    const key = event.key;
    if (event.altKey && (key === 'ArrowUp' || key === 'ArrowDown')) {
      event.preventDefault();
      actions.move(row.view, key === 'ArrowUp' ? -1 : 1);
    } else if (key === 'ArrowDown' || key === 'ArrowUp') {
      event.preventDefault();
      if (key === 'ArrowUp' && i === 0) search.focus();
      else go(i + (key === 'ArrowDown' ? 1 : -1));
    } else if (key === 'Home' || key === 'End') {
      event.preventDefault();
      go(key === 'Home' ? 0 : visible.length - 1);
    } else if (onRow && key === 'Enter') {
      event.preventDefault();
      actions.copy(row.view, 'current');
    } else if (onRow && key === 'F2') {
      event.preventDefault();
      actions.rename(row.view);
    } else if (onRow && key === 'Delete') {
      event.preventDefault();
      actions.remove(row.view);
    }
  });

  search.addEventListener('input', applyFilter);
  search.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusRow(visibleRows()[0]?.view.id);
    } else if (event.key === 'Escape' && search.value) {
      // Clearing is Esc's first job here; the native "search" clear does not fire input.
      event.preventDefault();
      search.value = '';
      applyFilter();
    }
  });

  const onSlash = (event: KeyboardEvent): void => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
    if (toolbar.hidden) return;
    event.preventDefault();
    search.focus();
    search.select();
  };
  document.addEventListener('keydown', onSlash);

  const timer = setInterval(tick, TICK_MS);
  const unsubscribe = on('vault:changed', () => void refresh());
  void refresh();
  void reminder.check();

  return () => {
    clearInterval(timer);
    unsubscribe();
    document.removeEventListener('keydown', onSlash);
  };
}

export const vaultScreen: ScreenDefinition = { id: 'vault', title: 'Vault', mount: mountVault };

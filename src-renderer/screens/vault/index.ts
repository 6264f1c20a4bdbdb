/**
 * The vault: live codes for every account, with search, copy, add, rename,
 * reorder and delete. Codes come from main; this screen only counts down
 * between fetches and asks again at each period boundary and on 'vault:changed'.
 */
import type { VaultAccountView } from '../../../src-main/ipc/contract';
import { ApiError, call, on } from '../../api';
import type { ScreenDefinition, Unmount } from '../../shell';
import { h, isTypingTarget } from '../../ui/dom';
import { errorPanel } from '../../ui/error-display';
import { errorDetails } from '../../ui/field';
import { spacedCode } from '../../ui/format';
import { announce, toast } from '../../ui/live';
import { menuButton } from '../../ui/menu';
import { accountLabel, accountRow } from './account-row';
import type { AccountRow, RowActions } from './account-row';
import { addMethods } from './add-dialogs';
import { confirmDelete, openRename } from './manage-dialogs';

const TICK_MS = 250;
/** Never ask main for codes more often than this, even if clocks disagree at a boundary. */
const MIN_REFRESH_MS = 1000;

function errorText(e: unknown): string {
  if (e instanceof ApiError) return `${e.info.message} ${errorDetails(e.info)}`;
  return e instanceof Error ? e.message : String(e);
}

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

  const search = h('input', {
    type: 'search',
    class: 'input search',
    'aria-label': 'Search accounts',
    placeholder: 'Search accounts (press / )',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const addMenu = menuButton({
    label: 'Add account',
    buttonClass: 'button primary',
    align: 'end',
    items: () => addMethods.map((m) => ({ label: m.label, onSelect: () => m.open(onAdded) })),
  });
  const list = h('ul', { class: 'accounts', 'aria-label': 'Accounts' });
  const noMatches = h('p', { class: 'no-matches', hidden: true });
  const status = h('p', { class: 'load-status' }, 'Loading your accounts…');
  const loadFailure = h('div', { hidden: true });
  const keyHint = h(
    'p',
    { class: 'keyboard-hint' },
    '↑/↓ move · Enter copies · / searches · Alt+↑/↓ reorders · F2 renames · Delete deletes',
  );
  const emptyState = h(
    'section',
    { class: 'empty', 'aria-labelledby': 'vault-empty-title', hidden: true },
    h('h2', { id: 'vault-empty-title' }, 'No accounts yet'),
    h(
      'p',
      {},
      'Add the accounts you sign in to with a one-time code. The codes are made on this computer, and the setup keys stay in your system keychain. There are three ways to add one:',
    ),
    h(
      'ul',
      { class: 'empty-ways' },
      ...addMethods.map((m) =>
        h(
          'li',
          {},
          h('button', { type: 'button', class: 'button', onclick: () => m.open(onAdded) }, m.label),
          h('p', { class: 'field-hint' }, m.description),
        ),
      ),
    ),
  );
  const toolbar = h('div', { class: 'vault-search' }, search);

  container.append(
    h(
      'div',
      { class: 'screen-header' },
      h('h1', { class: 'screen-title' }, 'Vault'),
      addMenu.element,
    ),
    toolbar,
    status,
    loadFailure,
    emptyState,
    list,
    noMatches,
    keyHint,
  );

  const visibleRows = (): AccountRow[] =>
    accounts.map((a) => rows.get(a.id)).filter((r): r is AccountRow => !!r && !r.element.hidden);

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
    const q = search.value.trim().toLowerCase();
    let shown = 0;
    for (const row of rows.values()) {
      const match = !q || `${row.view.issuer} ${row.view.account}`.toLowerCase().includes(q);
      row.element.hidden = !match;
      if (match) shown += 1;
    }
    noMatches.hidden = shown > 0 || accounts.length === 0;
    noMatches.textContent = `No accounts match “${search.value.trim()}”.`;
    // The count is spoken when the search changes, not on every refresh of the codes.
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
    accounts.forEach((view, i) => {
      let row = rows.get(view.id);
      if (row) row.update(view);
      else {
        row = accountRow(view, rowActions);
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

  async function copy(view: VaultAccountView, which: 'current' | 'next'): Promise<void> {
    try {
      const receipt = await call('vault:copyCode', { id: view.id, which });
      toast(
        receipt.clearsInSeconds > 0 ? `Copied — clears in ${receipt.clearsInSeconds} s` : 'Copied',
      );
    } catch (e) {
      toast(`Could not copy the code. ${errorText(e)}`, 'error');
    }
  }

  function onAdded(view: VaultAccountView): void {
    toast(`Added ${accountLabel(view)}`);
    search.value = '';
    void refresh().then(() => focusRow(view.id));
  }

  let moves = Promise.resolve();

  async function moveNow(id: string, delta: -1 | 1): Promise<void> {
    const view = accounts.find((a) => a.id === id);
    const visible = visibleRows();
    const neighbour = visible[visible.findIndex((r) => r.view.id === id) + delta];
    if (!view || !neighbour) return;
    const rest = accounts.filter((a) => a.id !== id);
    const at = rest.findIndex((a) => a.id === neighbour.view.id) + (delta > 0 ? 1 : 0);
    const reordered = [...rest.slice(0, at), view, ...rest.slice(at)];
    try {
      await call('vault:reorder', { ids: reordered.map((a) => a.id) });
    } catch (e) {
      toast(`Could not move the account. ${errorText(e)}`, 'error');
      return;
    }
    accounts = reordered;
    render();
    focusRow(id);
    announce(`${accountLabel(view)} moved to position ${at + 1} of ${reordered.length}.`);
  }

  const rowActions: RowActions = {
    copy: (view, which) => void copy(view, which),
    async nextHotp(view) {
      try {
        const next = await call('vault:nextHotp', { id: view.id });
        accounts = accounts.map((a) => (a.id === next.id ? next : a));
        rows.get(next.id)?.update(next);
        announce(
          next.problem
            ? next.problem.message
            : `New code for ${accountLabel(next)}: ${spacedCode(next.code)}`,
        );
      } catch (e) {
        toast(`Could not make the next code. ${errorText(e)}`, 'error');
      }
    },
    rename(view) {
      openRename(view, (renamed) => {
        toast(`Renamed to ${accountLabel(renamed)}`);
        void refresh().then(() => focusRow(renamed.id));
      });
    },
    canMove(view, delta) {
      const visible = visibleRows();
      const i = visible.findIndex((r) => r.view.id === view.id);
      return i >= 0 && visible[i + delta] !== undefined;
    },
    move(view, delta) {
      // Moves run one after another, each on the order the previous one left,
      // so quick repeated Alt+↑ presses all count.
      moves = moves.then(() => moveNow(view.id, delta));
    },
    async remove(view) {
      try {
        const index = visibleRows().findIndex((r) => r.view.id === view.id);
        if (!(await confirmDelete(view))) return;
        toast(`Deleted ${accountLabel(view)}`);
        await refresh();
        const visible = visibleRows();
        const next = visible[Math.min(index, visible.length - 1)];
        if (next) focusRow(next.view.id);
        else addMenu.button.focus();
      } catch (e) {
        toast(`Could not delete the account. ${errorText(e)}`, 'error');
      }
    },
  };

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
      rowActions.move(row.view, key === 'ArrowUp' ? -1 : 1);
    } else if (key === 'ArrowDown' || key === 'ArrowUp') {
      event.preventDefault();
      if (key === 'ArrowUp' && i === 0) search.focus();
      else go(i + (key === 'ArrowDown' ? 1 : -1));
    } else if (key === 'Home' || key === 'End') {
      event.preventDefault();
      go(key === 'Home' ? 0 : visible.length - 1);
    } else if (onRow && key === 'Enter') {
      event.preventDefault();
      void copy(row.view, 'current');
    } else if (onRow && key === 'F2') {
      event.preventDefault();
      rowActions.rename(row.view);
    } else if (onRow && key === 'Delete') {
      event.preventDefault();
      void rowActions.remove(row.view);
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

  return () => {
    clearInterval(timer);
    unsubscribe();
    document.removeEventListener('keydown', onSlash);
  };
}

export const vaultScreen: ScreenDefinition = { id: 'vault', title: 'Vault', mount: mountVault };

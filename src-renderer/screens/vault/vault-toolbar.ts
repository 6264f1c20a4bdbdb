/**
 * The list's toolbar: search, a group filter (shown once any account has a
 * group) and the order (manual, by name, by last use; kept in main).
 */
import type { VaultAccountView } from '../../../src-main/ipc/contract';
import { call } from '../../api';
import { h } from '../../ui/dom';
import { toast } from '../../ui/live';
import { accountLabel } from './account-row';

export type SortMode = 'manual' | 'name' | 'lastUsed';

export interface VaultToolbar {
  readonly element: HTMLElement;
  readonly search: HTMLInputElement;
  readonly sort: SortMode;
  matches(view: VaultAccountView): boolean;
  /** The accounts in the order chosen (main's order is the manual one). */
  ordered(accounts: VaultAccountView[]): VaultAccountView[];
  /** Offers the groups the accounts use. */
  setGroups(accounts: VaultAccountView[]): void;
}

const ALL = '';

export function vaultToolbar(onChange: () => void): VaultToolbar {
  const search = h('input', {
    type: 'search',
    class: 'input search',
    'aria-label': 'Search accounts',
    placeholder: 'Search accounts (press / )',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const group = h('select', { class: 'input', 'aria-label': 'Show group' });
  const sortSelect = h(
    'select',
    { class: 'input', 'aria-label': 'Order' },
    h('option', { value: 'manual' }, 'My order'),
    h('option', { value: 'name' }, 'By name'),
    h('option', { value: 'lastUsed' }, 'Last used first'),
  );
  let sort: SortMode = 'manual';
  let known: string | undefined;

  group.addEventListener('change', onChange);
  sortSelect.addEventListener('change', () => {
    const wanted = sortSelect.value as SortMode;
    void call('vault:setSort', { sort: wanted }).then(
      () => {
        sort = wanted;
        onChange();
      },
      () => {
        sortSelect.value = sort;
        toast('Could not change the order.', 'error');
      },
    );
  });
  void call('vault:getSort', {}).then(
    (r) => {
      sort = r.sort;
      sortSelect.value = sort;
      onChange();
    },
    () => undefined,
  );

  return {
    element: h('div', { class: 'vault-search' }, search, group, sortSelect),
    search,
    get sort() {
      return sort;
    },
    matches(view) {
      const q = search.value.trim().toLowerCase();
      if (group.value !== ALL && !(view.groups ?? []).includes(group.value)) return false;
      return !q || `${view.issuer} ${view.account}`.toLowerCase().includes(q);
    },
    ordered(accounts) {
      if (sort === 'name') {
        return [...accounts].sort((a, b) => accountLabel(a).localeCompare(accountLabel(b)));
      }
      if (sort === 'lastUsed') {
        return [...accounts].sort((a, b) => (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0));
      }
      return accounts;
    },
    setGroups(accounts) {
      const names = [...new Set(accounts.flatMap((a) => a.groups ?? []))].sort((a, b) =>
        a.localeCompare(b),
      );
      const key = names.join('\n');
      if (key === known) return;
      known = key;
      const current = group.value;
      group.replaceChildren(
        h('option', { value: ALL }, 'All groups'),
        ...names.map((n) => h('option', { value: n }, n)),
      );
      group.value = names.includes(current) ? current : ALL;
      group.hidden = names.length === 0;
    },
  };
}

/**
 * Find users: Cognito's ListUsers filter behind plain fields (one at a time,
 * as Cognito allows), in pages; and create a user with their invitation.
 */
import type { AdminUserSummary, RequestOf } from '../../../src-main/ipc/contract';
import { call } from '../../api';
import { h } from '../../ui/dom';
import { errorPanel } from '../../ui/error-display';
import { selectField, textField } from '../../ui/field';
import { createForm } from '../../ui/form';
import { toast } from '../../ui/live';
import type { AdminContext, AdminView } from './context';
import { createUserDialog } from './create-user';

type Search = Omit<RequestOf<'admin:listUsers'>, 'profileId' | 'nextToken'>;

const FIELDS = [
  { value: 'username', label: 'Username starts with' },
  { value: 'email', label: 'Email starts with' },
  { value: 'phone_number', label: 'Phone starts with (+15551234567)' },
  { value: 'status', label: 'Status is (e.g. FORCE_CHANGE_PASSWORD)' },
  { value: 'enabled', label: 'Account is (Enabled or Disabled)' },
] as const;

export function statusWords(status: string): string {
  switch (status) {
    case 'CONFIRMED':
      return 'Active';
    case 'FORCE_CHANGE_PASSWORD':
      return 'Invited (temporary password)';
    case 'RESET_REQUIRED':
      return 'Must reset password';
    case 'UNCONFIRMED':
      return 'Not confirmed';
    default:
      return status;
  }
}

export function usersView(ctx: AdminContext): AdminView {
  const results = h('div', { class: 'admin-results', 'aria-live': 'polite' });
  const field = selectField({
    name: 'field',
    label: 'Search by',
    options: FIELDS.map((f) => ({ value: f.value, label: f.label })),
  });
  const value = textField({ name: 'value', label: 'Search for', type: 'search' });
  let search: Search = {};
  let rows: AdminUserSummary[] = [];

  async function load(nextToken?: string): Promise<void> {
    if (!nextToken) results.replaceChildren(h('p', { class: 'load-status' }, 'Asking Cognito…'));
    try {
      const page = await call('admin:listUsers', {
        profileId: ctx.profile.id,
        ...search,
        ...(nextToken ? { nextToken } : {}),
      });
      rows = nextToken ? [...rows, ...page.users] : page.users;
      render(page.nextToken);
    } catch (e) {
      results.replaceChildren(errorPanel('The users could not be listed', e, () => void load()));
    }
  }

  function render(nextToken: string | undefined): void {
    if (rows.length === 0) {
      results.replaceChildren(h('p', { class: 'empty-note' }, 'No users match.'));
      return;
    }
    const table = h(
      'table',
      { class: 'admin-table' },
      h('caption', { class: 'visually-hidden' }, 'Users'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Username'),
          h('th', { scope: 'col' }, 'Email'),
          h('th', { scope: 'col' }, 'Status'),
          h('th', { scope: 'col' }, 'Account'),
        ),
      ),
      h(
        'tbody',
        {},
        ...rows.map((u) => {
          const open = h('button', { type: 'button', class: 'link-button' }, u.username);
          open.addEventListener('click', () => ctx.openUser(u.username));
          return h(
            'tr',
            {},
            h('th', { scope: 'row' }, open),
            h('td', {}, u.email ?? '—'),
            h('td', {}, statusWords(u.status)),
            h('td', {}, u.enabled ? 'Enabled' : 'Disabled'),
          );
        }),
      ),
    );
    const more = nextToken
      ? h('button', { type: 'button', class: 'button' }, 'Show more users')
      : null;
    more?.addEventListener('click', () => void load(nextToken));
    results.replaceChildren(
      table,
      more ?? h('p', { class: 'field-hint' }, `${rows.length} shown.`),
    );
  }

  const form = createForm({
    fields: [field, value],
    layout: [h('div', { class: 'admin-search' }, field.root, value.root)],
    submitLabel: 'Search',
    busyLabel: 'Searching…',
    onSubmit: async () => {
      const v = value.control.value.trim();
      search = v ? { field: field.control.value as Search['field'], value: v } : {};
      await load();
    },
  });
  const create = h('button', { type: 'button', class: 'button' }, 'Create user…');
  create.addEventListener('click', () => {
    createUserDialog(ctx, (username) => {
      toast(`Created ${username}.`);
      ctx.openUser(username);
    });
  });
  void load();
  return {
    element: h(
      'section',
      { class: 'admin-section', 'aria-labelledby': 'admin-users-title' },
      h('div', { class: 'admin-row' }, h('h2', { id: 'admin-users-title' }, 'Users'), create),
      form.element,
      results,
    ),
    focus: value.control,
  };
}

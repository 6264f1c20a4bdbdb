/** The user's groups, each removable, and a picker of the pool's other groups to add. */
import type { AdminUserDetail } from '../../../src-main/ipc/contract';
import { call } from '../../api';
import { h } from '../../ui/dom';
import { selectField } from '../../ui/field';
import { action, section } from './user-card';
import type { UserContext } from './user-context';

/** Filled in with the pool's groups the user is not in, once main has read them. */
function groupPicker(u: AdminUserDetail, { username, target, change }: UserContext): HTMLElement {
  const groupSelect = selectField({
    name: 'group',
    label: 'Add to group',
    options: [{ value: '', label: 'Loading the pool’s groups…' }],
  });
  void call('admin:overview', { profileId: target.profileId }).then(
    (pool) => {
      const free = pool.groups.filter((g) => !u.groups.includes(g));
      groupSelect.control.replaceChildren(
        ...(free.length
          ? free.map((g) => h('option', { value: g }, g))
          : [h('option', { value: '' }, 'No other groups in this pool')]),
      );
    },
    () => undefined,
  );
  const addGroup = action('Add', () => {
    const group = groupSelect.control.value;
    if (!group) return;
    void change({
      title: `Add ${username} to “${group}”?`,
      message: `Their next tokens carry the group “${group}” (cognito:groups), which apps may use for permissions.`,
      confirmLabel: 'Add to group',
      done: `${username} is in “${group}”.`,
      run: () => call('admin:setGroup', { ...target, group, member: true }),
    });
  });
  return h('div', { class: 'admin-inline' }, groupSelect.root, addGroup);
}

function groupRow(g: string, { username, target, change }: UserContext): HTMLElement {
  return h(
    'li',
    {},
    h('span', {}, g),
    action(
      'Remove',
      () =>
        void change({
          title: `Remove ${username} from “${g}”?`,
          message: `Their next tokens no longer carry the group “${g}”.`,
          confirmLabel: 'Remove from group',
          done: `${username} is no longer in “${g}”.`,
          run: () => call('admin:setGroup', { ...target, group: g, member: false }),
        }),
    ),
  );
}

export function groupsCard(u: AdminUserDetail, user: UserContext): HTMLElement {
  const picker = groupPicker(u, user);
  return section(
    'Groups',
    u.groups.length === 0
      ? h('p', { class: 'empty-note' }, 'In no group.')
      : h('ul', { class: 'admin-list' }, ...u.groups.map((g) => groupRow(g, user))),
    picker,
  );
}

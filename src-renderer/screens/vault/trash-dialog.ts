/** The Trash: deleted accounts, kept 30 days, each restorable; emptying it is for good. */
import type { TrashItemView } from '../../../src-main/ipc/contract';
import { call } from '../../api';
import { confirmDialog, openDialog } from '../../ui/dialog';
import { h } from '../../ui/dom';
import { errorBox } from '../../ui/error-display';
import { toast } from '../../ui/live';
import { accountLabel } from './account-row';

export function openTrash(onRestored: () => void): void {
  const body = h('div', { class: 'trash' });
  const status = h('div', { 'aria-live': 'polite' });
  const emptyButton = h('button', { type: 'button', class: 'button danger' }, 'Empty Trash…');
  const close = h('button', { type: 'button', class: 'button' }, 'Close');

  const load = async (): Promise<void> => {
    try {
      const { items } = await call('trash:list', {});
      emptyButton.hidden = items.length === 0;
      body.replaceChildren(
        items.length === 0
          ? h('p', {}, 'The Trash is empty.')
          : h('ul', { class: 'import-list', 'aria-label': 'Deleted accounts' }, ...items.map(line)),
      );
    } catch (e) {
      body.replaceChildren(errorBox(e));
    }
  };

  const line = (item: TrashItemView): HTMLElement => {
    const restore = h(
      'button',
      { type: 'button', class: 'button small', 'aria-label': `Restore ${accountLabel(item)}` },
      'Restore',
    );
    restore.addEventListener('click', async () => {
      try {
        await call('trash:restore', { id: item.id });
        toast(`Restored ${accountLabel(item)}`);
        onRestored();
        await load();
      } catch (e) {
        status.replaceChildren(errorBox(e));
      }
    });
    return h(
      'li',
      {},
      h('span', { class: 'import-label' }, accountLabel(item)),
      h(
        'span',
        { class: 'field-hint' },
        `Deleted ${new Date(item.deletedAt).toLocaleDateString()} · kept until ${new Date(item.expiresAt).toLocaleDateString()}`,
      ),
      restore,
    );
  };

  emptyButton.addEventListener('click', async () => {
    const sure = await confirmDialog({
      title: 'Empty the Trash?',
      message:
        'The setup keys of these accounts are removed from this computer for good. Make sure you can still sign in to them another way.',
      confirmLabel: 'Empty Trash',
      danger: true,
    });
    if (!sure) return;
    try {
      await call('trash:empty', {});
      toast('Trash emptied');
      await load();
    } catch (e) {
      status.replaceChildren(errorBox(e));
    }
  });
  const dialog = openDialog({
    title: 'Trash',
    description:
      'Deleted accounts stay here for 30 days, then their setup keys are removed for good.',
    content: [status, body, h('div', { class: 'form-actions' }, close, emptyButton)],
    initialFocus: close,
  });
  close.addEventListener('click', () => dialog.close());
  void load();
}

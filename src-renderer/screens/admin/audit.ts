/**
 * The local audit log of admin actions (newest first) and its CSV export.
 * It holds names and outcomes only, never a password or a key.
 */
import type { AuditEntryView } from '../../../src-main/ipc/contract';
import { call } from '../../api';
import { h } from '../../ui/dom';
import { errorBox, errorPanel } from '../../ui/error-display';
import { toast } from '../../ui/live';
import type { AdminView } from './context';

function table(entries: AuditEntryView[]): HTMLElement {
  if (entries.length === 0) return h('p', { class: 'empty-note' }, 'No admin actions yet.');
  return h(
    'table',
    { class: 'admin-table' },
    h('caption', { class: 'visually-hidden' }, 'Admin actions, newest first'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['When', 'User', 'Action', 'Result', 'Acting as', 'Pool'].map((c) =>
          h('th', { scope: 'col' }, c),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      ...[...entries]
        .reverse()
        .map((e) =>
          h(
            'tr',
            {},
            h('td', {}, new Date(e.at).toLocaleString()),
            h('td', {}, e.username),
            h('td', {}, e.action),
            h('td', {}, e.result === 'ok' ? 'Done' : `Failed (${e.error ?? 'error'})`),
            h('td', {}, e.identity),
            h('td', {}, e.poolId),
          ),
        ),
    ),
  );
}

export function auditView(): AdminView {
  const title = h('h2', { tabindex: -1 }, 'Audit log');
  const status = h('div', {});
  const body = h('div', {}, h('p', { class: 'load-status' }, 'Reading the audit log…'));
  const exportButton = h('button', { type: 'button', class: 'button' }, 'Export as CSV');
  exportButton.addEventListener('click', () => {
    status.replaceChildren();
    void call('admin:auditCsv', {}).then(
      ({ csv }) => {
        const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
        const link = h('a', {
          href: url,
          download: `admin-audit-${new Date().toISOString().slice(0, 10)}.csv`,
        });
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        toast('The audit log was exported as CSV.');
      },
      (e: unknown) => status.replaceChildren(errorBox(e)),
    );
  });
  const load = async (): Promise<void> => {
    try {
      body.replaceChildren(table((await call('admin:audit', {})).entries));
    } catch (e) {
      body.replaceChildren(errorPanel('The audit log could not be read', e, () => void load()));
    }
  };
  void load();
  return {
    element: h(
      'section',
      { class: 'admin-section', 'aria-label': 'Audit log' },
      h('div', { class: 'admin-row' }, title, exportButton),
      h(
        'p',
        { class: 'field-hint' },
        'Every admin action taken on this computer: when, as whom, in which pool, on whom, and how it ended. Kept only here; it holds no passwords or keys.',
      ),
      status,
      body,
    ),
    focus: title,
  };
}

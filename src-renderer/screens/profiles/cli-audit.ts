/**
 * Settings → Command-line access → Activity: every token, code and AWS
 * credential the CLI was handed or refused, newest first, with who asked,
 * from where, and which rule decided. Filtered by text and decision, and
 * exported as JSON (the entries hold no secrets).
 */
import type { RequestOf, ResponseOf } from '../../../src-main/ipc/contract';
import { call, on } from '../../api';
import { h } from '../../ui/dom';
import { errorBox } from '../../ui/error-display';
import { selectField, textField } from '../../ui/field';
import { dateTime } from '../sign-in/time-text';
import '../../cli.css';

type Entry = ResponseOf<'cliAudit:list'>['entries'][number];
type Decision = NonNullable<RequestOf<'cliAudit:list'>['decision']>;

const DECISIONS: Record<Decision, string> = {
  'handed-out': 'Handed out',
  refused: 'Refused',
  failed: 'Failed',
};

const RULES: Record<Entry['rule'], string> = {
  'access-list': 'the program is always allowed',
  'session-grant': 'allowed for this terminal',
  'allowed-once': 'you allowed it once',
  'allowed-session': 'you allowed this terminal',
  'allowed-always': 'you allowed the program always',
  denied: 'you denied it',
  'timed-out': 'nobody answered in time',
  'no-approval-needed': 'no secret, no approval needed',
  'bad-access-key': 'the access key was wrong',
  'caller-unverified': 'the caller could not be verified',
  locked: 'the app was locked',
  error: 'an error',
};

function programName(path: string): string {
  return path === 'unknown' ? 'an unknown program' : (path.split(/[\\/]/).pop() ?? path);
}

function entryItem(e: Entry): HTMLElement {
  const until = e.until === undefined ? '' : ` until ${dateTime(e.until)}`;
  const where = [
    e.parent ? `started by ${e.parent}` : '',
    e.cwd ? `in ${e.cwd}` : '',
    e.terminal ? `on ${e.terminal}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return h(
    'li',
    {},
    h(
      'div',
      {},
      h('span', { class: `audit-decision ${e.decision}` }, DECISIONS[e.decision]),
      h('span', { class: 'audit-what' }, `${programName(e.program)}: ${e.what}`),
    ),
    h(
      'div',
      { class: 'audit-meta' },
      `${dateTime(e.at)} · ${RULES[e.rule]}${until}${e.detail ? ` · ${e.detail}` : ''}`,
    ),
    h('div', { class: 'audit-meta mono-cell' }, [e.program, where].filter(Boolean).join(' — ')),
  );
}

export function cliAuditSection(): { element: HTMLElement; dispose(): void } {
  const text = textField({
    name: 'auditText',
    label: 'Search',
    placeholder: 'program, folder or what was asked',
  });
  const decision = selectField({
    name: 'auditDecision',
    label: 'Decision',
    options: [
      { value: '', label: 'All' },
      ...Object.entries(DECISIONS).map(([value, label]) => ({ value, label })),
    ],
    value: '',
  });
  const exportButton = h('button', { type: 'button', class: 'button' }, 'Export…');
  const status = h('p', { class: 'field-hint', role: 'status' });
  const list = h('ul', { class: 'audit-list', 'aria-label': 'Command-line activity' });
  let shown: Entry[] = [];

  const request = (): RequestOf<'cliAudit:list'> => {
    const r: RequestOf<'cliAudit:list'> = {};
    if (text.control.value.trim()) r.text = text.control.value.trim().slice(0, 200);
    if (decision.control.value) r.decision = decision.control.value as Decision;
    return r;
  };
  let generation = 0;
  const load = (): void => {
    const mine = ++generation;
    call('cliAudit:list', request()).then(
      ({ entries }) => {
        if (mine !== generation) return;
        shown = entries;
        list.replaceChildren(...entries.map(entryItem));
        status.textContent =
          entries.length === 0
            ? 'Nothing yet: programs that run cognito-auth are listed here.'
            : `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}, newest first.`;
        exportButton.toggleAttribute('disabled', entries.length === 0);
      },
      (e: unknown) => list.replaceChildren(h('li', {}, errorBox(e))),
    );
  };
  text.control.addEventListener('input', load);
  decision.control.addEventListener('change', load);
  exportButton.addEventListener('click', () => {
    const blob = new Blob([JSON.stringify({ entries: shown }, null, 2) + '\n'], {
      type: 'application/json',
    });
    const link = h('a', {
      href: URL.createObjectURL(blob),
      download: `cognito-auth-activity-${new Date().toISOString().slice(0, 10)}.json`,
    });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    status.textContent = `Exported ${shown.length} ${shown.length === 1 ? 'entry' : 'entries'}.`;
  });
  load();
  const off = on('cliAudit:changed', load);
  return {
    element: h(
      'div',
      { class: 'cli-audit' },
      h('h3', {}, 'Activity'),
      h(
        'p',
        { class: 'field-hint' },
        'What each program was handed or refused, and why. No token or code is ever recorded.',
      ),
      h('div', { class: 'audit-filters' }, text.root, decision.root, exportButton),
      status,
      list,
    ),
    dispose: off,
  };
}

/**
 * The table of a user's devices: name (and "This device"), last use,
 * remembered or not, and the two actions. It only lays the rows out; what the
 * buttons do is the caller's. At narrow widths the CSS stacks each row into a
 * card, so the table roles are set explicitly to survive the display change.
 */
import type { DeviceView } from '../../../src-main/ipc/contract';
import { h } from '../../ui/dom';
import { dateTime, relativeTime } from '../sign-in/time-text';

export interface DeviceRowActions {
  toggleRemembered(device: DeviceView, button: HTMLButtonElement): void;
  forget(device: DeviceView, button: HTMLButtonElement): void;
}

export interface DeviceTable {
  readonly element: HTMLTableElement;
  /** The row's first action, to move focus to after a change. */
  actionOf(deviceKey: string): HTMLButtonElement | undefined;
}

export function toggleLabel(device: DeviceView): string {
  return device.remembered ? 'Stop remembering' : 'Remember';
}

function cell(label: string, ...children: (Node | string)[]): HTMLTableCellElement {
  return h('td', { role: 'cell', 'data-label': label }, ...children);
}

export function deviceTable(
  devices: DeviceView[],
  caption: string,
  actions: DeviceRowActions,
): DeviceTable {
  const firstActions = new Map<string, HTMLButtonElement>();
  const rows = devices.map((d) => {
    const toggle = h(
      'button',
      { type: 'button', class: 'button small', 'aria-label': `${toggleLabel(d)} ${d.name}` },
      toggleLabel(d),
    );
    const forget = h(
      'button',
      { type: 'button', class: 'button small danger', 'aria-label': `Forget ${d.name}` },
      'Forget…',
    );
    toggle.addEventListener('click', () => actions.toggleRemembered(d, toggle));
    forget.addEventListener('click', () => actions.forget(d, forget));
    firstActions.set(d.deviceKey, toggle);
    return h(
      'tr',
      { role: 'row', 'data-device-key': d.deviceKey },
      h(
        'th',
        { scope: 'row', role: 'rowheader' },
        h('span', { class: 'device-name' }, d.name),
        d.isThisDevice ? h('span', { class: 'badge signed-in' }, 'This device') : null,
      ),
      cell(
        'Last used',
        d.lastUsedAt !== undefined
          ? h(
              'span',
              { title: dateTime(d.lastUsedAt) },
              relativeTime(Math.min(d.lastUsedAt, Date.now())),
            )
          : 'Unknown',
      ),
      cell('Remembered', d.remembered ? 'Remembered' : 'Not remembered'),
      cell('Actions', h('div', { class: 'device-actions' }, toggle, forget)),
    );
  });
  const element = h(
    'table',
    { class: 'devices', role: 'table' },
    h('caption', { class: 'visually-hidden' }, caption),
    h(
      'thead',
      { role: 'rowgroup' },
      h(
        'tr',
        { role: 'row' },
        h('th', { scope: 'col', role: 'columnheader' }, 'Device'),
        h('th', { scope: 'col', role: 'columnheader' }, 'Last used'),
        h('th', { scope: 'col', role: 'columnheader' }, 'Remembered'),
        h(
          'th',
          { scope: 'col', role: 'columnheader' },
          h('span', { class: 'visually-hidden' }, 'Actions'),
        ),
      ),
    ),
    h('tbody', { role: 'rowgroup' }, ...rows),
  );
  return { element, actionOf: (key) => firstActions.get(key) };
}

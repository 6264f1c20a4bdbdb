/** The pieces every card of a user's page is made of. */
import { h } from '../../ui/dom';

export const when = (ms: number | undefined) => (ms ? new Date(ms).toLocaleString() : '—');

export function action(label: string, run: () => void, kind = ''): HTMLButtonElement {
  const b = h('button', { type: 'button', class: kind ? `button ${kind}` : 'button' }, label);
  b.addEventListener('click', run);
  return b;
}

export function section(titleText: string, ...children: (Node | null)[]): HTMLElement {
  const id = `admin-sec-${titleText.replace(/\W+/g, '-').toLowerCase()}`;
  return h(
    'section',
    { class: 'admin-card', 'aria-labelledby': id },
    h('h3', { id }, titleText),
    ...children.filter((c): c is Node => c !== null),
  );
}

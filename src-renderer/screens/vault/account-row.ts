/**
 * One account in the vault list: names, the code in two halves, the countdown
 * ring (TOTP) or the counter and "Next code" (HOTP), copy, and an actions menu.
 * An account that cannot make codes shows why in the code's place and keeps
 * only its menu. The row only renders; what the actions do is the screen's business.
 */
import type { VaultAccountView } from '../../../src-main/ipc/contract';
import { countdownRing, ENDING_SECONDS } from '../../ui/countdown-ring';
import { h, uid } from '../../ui/dom';
import { codeHalves } from '../../ui/format';
import { menuButton } from '../../ui/menu';

export interface RowActions {
  copy(view: VaultAccountView, which: 'current' | 'next'): void;
  nextHotp(view: VaultAccountView): void;
  rename(view: VaultAccountView): void;
  editGroups(view: VaultAccountView): void;
  reenroll(view: VaultAccountView): void;
  move(view: VaultAccountView, delta: -1 | 1): void;
  canMove(view: VaultAccountView, delta: -1 | 1): boolean;
  remove(view: VaultAccountView): void;
}

export interface AccountRow {
  readonly element: HTMLLIElement;
  view: VaultAccountView;
  update(view: VaultAccountView): void;
  /** Updates the countdown; true when the shown TOTP code has expired and a refresh is due. */
  tick(elapsedMs: number): boolean;
}

export function accountLabel(view: Pick<VaultAccountView, 'issuer' | 'account'>): string {
  return view.issuer ? `${view.issuer}: ${view.account}` : view.account;
}

/**
 * Whole seconds left for the shown code, `elapsedMs` after main computed it,
 * worked out from main's own timestamp (not the rounded secondsLeft) so the
 * refresh happens at the true period boundary. 0 once that period is over.
 */
export function secondsLeftAfter(view: VaultAccountView, elapsedMs: number): number | undefined {
  if (view.type === 'hotp' || !view.period) return undefined;
  const periodMs = view.period * 1000;
  const now = view.generatedAt + elapsedMs;
  if (Math.floor(now / periodMs) !== Math.floor(view.generatedAt / periodMs)) return 0;
  return Math.ceil((periodMs - (now % periodMs)) / 1000);
}

function codeElement(code: string, className: string): HTMLElement {
  const [first, second] = codeHalves(code);
  return h(
    'span',
    { class: className, 'data-testid': className },
    h('span', {}, first),
    ' ',
    h('span', {}, second),
  );
}

export function accountRow(initial: VaultAccountView, actions: RowActions): AccountRow {
  const issuerEl = h('span', { class: 'account-issuer' });
  const accountEl = h('span', { class: 'account-name' });
  const groupsEl = h('span', { class: 'account-groups' });
  const codeSlot = h('div', { class: 'account-code', id: uid('account-code') });
  const problemEl = h('p', { class: 'account-problem', id: uid('account-problem') });
  const nextSlot = h('div', { class: 'account-next' });
  const ring = countdownRing();
  ring.element.id = uid('account-ring');
  const copyButton = h('button', { type: 'button', class: 'button copy' }, 'Copy');
  const copyNextButton = h('button', { type: 'button', class: 'button subtle small' }, 'Copy next');
  const hotpButton = h('button', { type: 'button', class: 'button subtle small' }, 'Next code');
  const element = h('li', { class: 'account', tabindex: -1 });
  const menuName = h('span', { class: 'visually-hidden' });
  const menu = menuButton({
    label: '⋯',
    buttonClass: 'button icon',
    align: 'end',
    items: () => [
      { label: 'Rename…', onSelect: () => actions.rename(row.view) },
      { label: 'Groups…', onSelect: () => actions.editGroups(row.view) },
      { label: 'Re-enroll (new setup key)…', onSelect: () => actions.reenroll(row.view) },
      {
        label: 'Move up',
        onSelect: () => actions.move(row.view, -1),
        disabled: !actions.canMove(row.view, -1),
      },
      {
        label: 'Move down',
        onSelect: () => actions.move(row.view, 1),
        disabled: !actions.canMove(row.view, 1),
      },
      { label: 'Delete…', onSelect: () => actions.remove(row.view), danger: true },
    ],
  });

  const row: AccountRow = {
    element,
    view: initial,
    update(view) {
      row.view = view;
      const label = accountLabel(view);
      element.dataset.id = view.id;
      element.setAttribute('aria-label', label);
      element.classList.toggle('hotp', view.type === 'hotp');
      issuerEl.textContent = view.issuer || view.account;
      accountEl.textContent = view.issuer ? view.account : '';
      groupsEl.replaceChildren(...(view.groups ?? []).map((g) => h('span', { class: 'tag' }, g)));
      copyButton.setAttribute('aria-label', `Copy code for ${label}`);
      copyNextButton.setAttribute('aria-label', `Copy next code for ${label}`);
      hotpButton.setAttribute('aria-label', `Next code for ${label}`);
      menuName.textContent = `Actions for ${label}`;
      element.classList.toggle('broken', view.problem !== undefined);
      // tick() shows the next code again if it is still due.
      nextSlot.replaceChildren();
      if (view.problem) {
        element.classList.remove('ending');
        problemEl.textContent = view.problem.message;
        codeSlot.replaceChildren(problemEl);
        element.setAttribute('aria-describedby', problemEl.id);
        ring.element.hidden = true;
        copyButton.hidden = true;
        return;
      }
      codeSlot.replaceChildren(codeElement(view.code, 'code'));
      // Focus on a row reads its code and the time left, not just its name.
      element.setAttribute(
        'aria-describedby',
        view.type === 'hotp' ? codeSlot.id : `${codeSlot.id} ${ring.element.id}`,
      );
      ring.element.hidden = view.type === 'hotp';
      copyButton.hidden = false;
      if (view.type === 'hotp') {
        nextSlot.replaceChildren(
          h('span', { class: 'counter' }, `Counter ${view.counter ?? 0}`),
          hotpButton,
        );
      }
    },
    tick(elapsedMs) {
      // No code, so nothing to count down or to fetch again at a period boundary.
      if (row.view.problem) return false;
      const shown = secondsLeftAfter(row.view, elapsedMs);
      if (shown === undefined || !row.view.period) return false;
      ring.update(shown, row.view.period);
      const ending = shown <= ENDING_SECONDS && row.view.nextCode !== undefined;
      element.classList.toggle('ending', ending);
      if (ending && row.view.nextCode && !nextSlot.hasChildNodes()) {
        nextSlot.replaceChildren(
          h('span', { class: 'next-label' }, 'Next code'),
          h(
            'span',
            { class: 'next-line' },
            codeElement(row.view.nextCode, 'next-code'),
            copyNextButton,
          ),
        );
      } else if (!ending && nextSlot.hasChildNodes()) {
        nextSlot.replaceChildren();
      }
      return shown === 0;
    },
  };

  // The "⋯" is a picture of the menu, not its name: the name is the hidden text beside it.
  menu.button.replaceChildren(h('span', { 'aria-hidden': 'true' }, '⋯'), menuName);
  copyButton.addEventListener('click', () => actions.copy(row.view, 'current'));
  copyNextButton.addEventListener('click', () => actions.copy(row.view, 'next'));
  hotpButton.addEventListener('click', () => actions.nextHotp(row.view));

  element.append(
    h('div', { class: 'account-names' }, issuerEl, accountEl, groupsEl),
    // The next code sits beside the current one, not under it, so rows keep their height.
    nextSlot,
    codeSlot,
    ring.element,
    h('div', { class: 'account-actions' }, copyButton, menu.element),
  );
  row.update(initial);
  return row;
}

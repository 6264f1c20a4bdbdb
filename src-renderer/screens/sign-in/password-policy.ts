/**
 * The pool's password rules as a checklist that ticks while the person types,
 * so InvalidPasswordException is rarely seen at all.
 */
import type { PasswordPolicyView } from '../../../src-main/ipc/contract';
import { h } from '../../ui/dom';

interface Rule {
  label: string;
  met(password: string): boolean;
}

function rules(policy: PasswordPolicyView): Rule[] {
  const list: Rule[] = [
    {
      label: `At least ${policy.minimumLength} characters`,
      met: (p) => [...p].length >= policy.minimumLength,
    },
  ];
  if (policy.requireLowercase)
    list.push({ label: 'A lowercase letter', met: (p) => /\p{Ll}/u.test(p) });
  if (policy.requireUppercase)
    list.push({ label: 'An uppercase letter', met: (p) => /\p{Lu}/u.test(p) });
  if (policy.requireNumbers) list.push({ label: 'A number', met: (p) => /\d/.test(p) });
  if (policy.requireSymbols)
    list.push({ label: 'A symbol, such as ! or #', met: (p) => /[^\p{L}\p{N}\s]/u.test(p) });
  return list;
}

export interface PolicyChecklist {
  readonly element: HTMLElement;
  update(password: string): void;
}

export function policyChecklist(policy: PasswordPolicyView, id: string): PolicyChecklist {
  const entries = rules(policy).map((rule) => {
    const state = h('span', { class: 'visually-hidden' });
    const item = h('li', { class: 'policy-rule' }, rule.label, state);
    return { rule, item, state };
  });
  const element = h(
    'div',
    { class: 'policy', id },
    h('p', { class: 'field-hint' }, 'The pool’s password rules:'),
    h('ul', { class: 'policy-rules' }, ...entries.map((e) => e.item)),
  );
  const update = (password: string): void => {
    for (const { rule, item, state } of entries) {
      const met = rule.met(password);
      item.classList.toggle('met', met);
      state.textContent = met ? ' (done)' : '';
    }
  };
  update('');
  return { element, update };
}

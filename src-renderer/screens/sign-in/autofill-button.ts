/** "Fill in the code from this computer": the authenticator app's code from this vault, in one press. */
import type { ErrorInfo } from '../../../src-main/ipc/contract';
import { ApiError } from '../../api';
import { h } from '../../ui/dom';
import { button } from './step-frame';

const LABEL = 'Fill in the code from this computer';

export interface AutofillBlock {
  readonly button: HTMLButtonElement;
  /** The button with the hint that typing the code still works. */
  readonly element: HTMLElement;
}

/** `showError`: where a refused autofill is told (the challenge's form). */
export function autofillBlock(
  autofill: () => Promise<void>,
  showError: (info: ErrorInfo) => void,
): AutofillBlock {
  const b = button(
    LABEL,
    () => {
      b.disabled = true;
      b.textContent = 'Filling in the code…';
      autofill()
        .catch((e: unknown) => {
          if (e instanceof ApiError) showError(e.info);
          else throw e;
        })
        .finally(() => {
          b.disabled = false;
          b.textContent = LABEL;
        });
    },
    'primary',
  );
  return {
    button: b,
    element: h(
      'div',
      { class: 'autofill' },
      b,
      h('p', { class: 'field-hint' }, 'Or type the code from your authenticator:'),
    ),
  };
}

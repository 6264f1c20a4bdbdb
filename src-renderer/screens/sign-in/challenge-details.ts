/** What main says about a challenge beyond its fields: where the code went, and the pool's parameters. */
import type { AuthStepView } from '../../../src-main/ipc/contract';
import { h } from '../../ui/dom';

export function deliveryLine(view: AuthStepView): HTMLElement | null {
  if (!view.codeDeliveryDestination) return null;
  const how = view.codeDeliveryMedium === 'EMAIL' ? 'by email' : 'by text message';
  return h(
    'p',
    { class: 'delivery' },
    `Sent ${how} to `,
    h('strong', {}, view.codeDeliveryDestination),
    '. It can take a minute to arrive.',
  );
}

export function parametersList(params: Record<string, string> | undefined): HTMLElement | null {
  const entries = Object.entries(params ?? {});
  if (entries.length === 0) return null;
  return h(
    'dl',
    { class: 'challenge-parameters', 'aria-label': 'Challenge details' },
    ...entries.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
}

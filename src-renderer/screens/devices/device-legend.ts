/**
 * What the devices screen's words mean, said once above the table: a device
 * can be known to Cognito without being remembered, and the two actions
 * differ in what the device's next sign-in asks for.
 */
import { h } from '../../ui/dom';

const TERMS: [string, string][] = [
  ['Remembered', 'Signing in from this device may skip the MFA step.'],
  [
    'Not remembered',
    'Cognito knows the device from an earlier sign-in, but asks it for MFA like any other.',
  ],
  ['Stop remembering', 'Keeps the device on the list; its next sign-in asks for MFA.'],
  [
    'Forget',
    'Takes the device off the list. Its next sign-in asks for MFA, and it can be remembered again.',
  ],
];

export function deviceLegend(): HTMLElement {
  return h(
    'dl',
    { class: 'device-legend', 'aria-label': 'What these mean' },
    ...TERMS.flatMap(([term, meaning]) => [h('dt', {}, term), h('dd', {}, meaning)]),
  );
}

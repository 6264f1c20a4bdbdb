/** Where the sign-in wizard can be, and what its steps may ask of it. */
import type { AuthStepView, DeviceOutcomeView } from '../../../src-main/ipc/contract';
import type { SignInData } from './sign-in-data';
import type { WizardStep } from './step-frame';

export type Place =
  | { at: 'profiles' }
  | { at: 'password'; profileId: string; username?: string }
  | { at: 'attempt'; view: AuthStepView }
  | { at: 'forgot'; profileId: string; username?: string; required?: boolean }
  | { at: 'my-sessions'; profileId: string }
  | { at: 'sign-up'; profileId: string }
  | { at: 'my-account'; profileId: string }
  | { at: 'session'; profileId: string; device?: DeviceOutcomeView };

export interface Wizard {
  readonly data: SignInData;
  go(next: Place): void;
  /** After every answer: the next step main describes. */
  showView(view: AuthStepView): void;
  /** A step that shows further screens of its own (forgot password) swaps them in here. */
  swapIn(step: WizardStep): void;
}

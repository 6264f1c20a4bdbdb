/** Handlers of the TOTP enrollment and MFA preference channels. */
import type { ClipboardPolicy } from '../../core/clipboard-policy';
import type { CognitoService } from '../../core/cognito/service';
import type { HandlerGroup } from '../router';

export interface EnrollmentHandlerServices {
  cognito: CognitoService;
  clipboard: ClipboardPolicy;
}

export function enrollmentHandlers({
  cognito,
  clipboard,
}: EnrollmentHandlerServices): HandlerGroup<'enroll'> & HandlerGroup<'mfa'> {
  return {
    'enroll:begin': ({ profileId }) => cognito.enrollment.begin(profileId),
    'enroll:verify': ({ enrollmentId, ...input }) => cognito.enrollment.verify(enrollmentId, input),
    'enroll:cancel': async ({ enrollmentId }) => {
      cognito.enrollment.cancel(enrollmentId);
      return { ok: true };
    },
    // Copied in main, not by the page, so the key is concealed from clipboard
    // history and taken back after the delay like a copied code.
    'enroll:copySetupKey': async (setup) => {
      const key =
        'attemptId' in setup
          ? cognito.setupKey(setup.attemptId)
          : cognito.enrollment.setupKey(setup.enrollmentId);
      const { clearsInSeconds } = await clipboard.copy(key, { label: 'authenticator setup key' });
      return { clearsInSeconds };
    },
    'mfa:get': ({ profileId }) => cognito.enrollment.get(profileId),
    'mfa:set': ({ profileId, ...choice }) => cognito.enrollment.set(profileId, choice),
  };
}

/**
 * Enroll at the desk: the admin hands the keyboard to a colleague, who signs
 * in on a separate, throw-away engine (temporary password → new password →
 * MFA_SETUP with the QR code for their phone). That engine has its own
 * in-memory stores and no vault, and its transport drops NewDeviceMetadata,
 * so this computer never becomes one of the colleague's devices. When it
 * succeeds the colleague is signed out, the engine is discarded, and the
 * admin sees AdminGetUser's view of the result.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import type { Clock } from '../ports';
import type { ResolvedProfile } from '../cognito/profiles';
import { CognitoService } from '../cognito/service';
import type { SignInAnswer } from '../cognito/sign-in';
import type { CognitoTransport } from '../ports';
import type { AuthStepView } from '../cognito/views';
import type { AdminService } from './service';
import { ThrowawaySecretStore, throwawayDocument } from './throwaway-stores';
import type { AdminUserDetail } from './views';

export interface DeskStepView {
  deskId: string;
  /** The colleague's current step; absent once done. */
  step?: AuthStepView;
  /** AdminGetUser's view once the colleague is enrolled and signed out again. */
  done?: AdminUserDetail;
}

export interface DeskEnrollmentDeps {
  admin: AdminService;
  profile(profileId: string): Promise<ResolvedProfile>;
  /** The same user-facing transport the app's own sign-in uses. */
  signInTransportFor(profile: ResolvedProfile): CognitoTransport;
  clock: Clock;
}

interface Desk {
  adminProfileId: string;
  username: string;
  engine: CognitoService;
  engineProfileId: string;
  secrets: ThrowawaySecretStore;
  state: ReturnType<typeof throwawayDocument<unknown>>;
  /** Devices Cognito made for this sign-in, forgotten again at the end. */
  deviceKeys: Set<string>;
  attemptId?: string;
}

/** Sign-in results without NewDeviceMetadata, so the engine never calls ConfirmDevice. */
function withoutDeviceTracking(inner: CognitoTransport, seen: Set<string>): CognitoTransport {
  return {
    async call(operation, input) {
      const out = await inner.call(operation, input);
      const result = (
        out as { AuthenticationResult?: { NewDeviceMetadata?: { DeviceKey?: string } } }
      ).AuthenticationResult;
      if (result?.NewDeviceMetadata) {
        if (result.NewDeviceMetadata.DeviceKey) seen.add(result.NewDeviceMetadata.DeviceKey);
        const { NewDeviceMetadata: _dropped, ...rest } = result;
        return { ...out, AuthenticationResult: rest } as typeof out;
      }
      return out;
    },
    destroy: () => (inner as { destroy?: () => void }).destroy?.(),
  } as CognitoTransport;
}

/** The colleague scans the QR code with their phone; this computer is never their authenticator. */
function forTheColleague(view: AuthStepView): AuthStepView {
  if (view.kind !== 'MFA_SETUP') return view;
  return {
    ...view,
    description:
      'Scan the QR code with your phone’s authenticator app (or type the key), then enter the 6-digit code it shows.',
    fields: view.fields.filter((f) => f.name !== 'useThisComputer'),
  };
}

export class DeskEnrollment {
  private readonly desks = new Map<string, Desk>();

  constructor(private readonly deps: DeskEnrollmentDeps) {}

  async start(profileId: string, username: string, password: string): Promise<DeskStepView> {
    const profile = await this.deps.profile(profileId);
    // Admin mode must be on (and its identity resolvable) before the colleague starts.
    await this.deps.admin.identity(profileId);
    for (const id of [...this.desks.keys()]) await this.cancel(id);
    const deviceKeys = new Set<string>();
    const secrets = new ThrowawaySecretStore();
    const state = throwawayDocument<unknown>();
    const engine = new CognitoService({
      secrets,
      state,
      clock: this.deps.clock,
      transportFor: (p) => withoutDeviceTracking(this.deps.signInTransportFor(p), deviceKeys),
      deviceName: 'Enrolled at the admin’s desk',
    });
    const added = await engine.profiles.add({
      displayName: profile.displayName,
      region: profile.region,
      userPoolId: profile.userPoolId,
      clientId: profile.clientId,
      ...(profile.clientSecret ? { clientSecret: profile.clientSecret } : {}),
      ...(profile.endpoint ? { endpoint: profile.endpoint } : {}),
      // A colleague with a temporary password signs in with it: SRP, never the custom flow.
      authFlow: profile.authFlow === 'USER_PASSWORD_AUTH' ? 'USER_PASSWORD_AUTH' : 'USER_SRP_AUTH',
      authSessionValidityMinutes: profile.authSessionValidityMinutes,
      ...(profile.passwordPolicy ? { passwordPolicy: profile.passwordPolicy } : {}),
    });
    const deskId = randomUUID();
    const desk: Desk = {
      adminProfileId: profileId,
      username,
      engine,
      engineProfileId: added.id,
      secrets,
      state,
      deviceKeys,
    };
    this.desks.set(deskId, desk);
    return this.after(deskId, desk, () => engine.startSignIn(added.id, username, password));
  }

  respond(deskId: string, answer: SignInAnswer): Promise<DeskStepView> {
    const desk = this.desk(deskId);
    const safe: SignInAnswer =
      answer.kind === 'MFA_SETUP' ? { ...answer, useThisComputer: false } : answer;
    return this.after(deskId, desk, () => desk.engine.respond(this.attemptOf(desk), safe));
  }

  restart(deskId: string): Promise<DeskStepView> {
    const desk = this.desk(deskId);
    return this.after(deskId, desk, () => desk.engine.restart(this.attemptOf(desk)));
  }

  async cancel(deskId: string): Promise<void> {
    const desk = this.desks.get(deskId);
    if (!desk) return;
    this.desks.delete(deskId);
    if (desk.attemptId) desk.engine.cancel(desk.attemptId);
    await this.discard(desk);
    await this.deps.admin
      .record(desk.adminProfileId, desk.username, 'enroll at the desk: cancelled', {
        ok: false,
        error: 'CANCELLED',
      })
      .catch(() => undefined);
  }

  /** On quit: every colleague still at the desk is signed out and their engine dropped. */
  async closeAll(): Promise<void> {
    for (const id of [...this.desks.keys()]) await this.cancel(id);
  }

  private desk(deskId: string): Desk {
    const desk = this.desks.get(deskId);
    if (!desk)
      throw new AppError({
        code: 'DESK_GONE',
        message:
          'This enrollment was closed (or another one started). Start it again from the user’s page.',
      });
    return desk;
  }

  private attemptOf(desk: Desk): string {
    if (!desk.attemptId)
      throw new AppError({ code: 'DESK_GONE', message: 'This enrollment has no sign-in open.' });
    return desk.attemptId;
  }

  private async after(
    deskId: string,
    desk: Desk,
    next: () => Promise<AuthStepView>,
  ): Promise<DeskStepView> {
    const view = await next();
    desk.attemptId = view.attemptId;
    if (view.kind === 'REMEMBER_DEVICE') {
      // Not reachable with device tracking stripped; answered "no" should a pool still ask.
      return this.after(deskId, desk, () => desk.engine.rememberDevice(view.attemptId, false));
    }
    if (view.kind !== 'SIGNED_IN') {
      const { signedIn: _s, device: _d, ...step } = forTheColleague(view);
      return { deskId, step: { ...step, canAutofill: false } };
    }
    this.desks.delete(deskId);
    await this.discard(desk);
    const done = await this.deps.admin.user(desk.adminProfileId, desk.username);
    await this.deps.admin.record(
      desk.adminProfileId,
      desk.username,
      done.mfaEnabled.includes('SOFTWARE_TOKEN_MFA')
        ? 'enroll at the desk: authenticator app set up'
        : 'enroll at the desk: signed in, no authenticator app',
      { ok: true },
    );
    return { deskId, done };
  }

  /** Signs the colleague out, forgets any device made for this sign-in, and drops every store. */
  private async discard(desk: Desk): Promise<void> {
    try {
      if (await desk.engine.session(desk.engineProfileId))
        await desk.engine.signOut(desk.engineProfileId).catch(() => undefined);
      if (desk.deviceKeys.size > 0)
        await this.deps.admin
          .forgetListedDevices(desk.adminProfileId, desk.username, desk.deviceKeys)
          .catch(() => undefined);
    } finally {
      desk.engine.stop();
      desk.secrets.clear();
      desk.state.clear();
    }
  }
}

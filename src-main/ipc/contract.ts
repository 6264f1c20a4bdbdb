/**
 * The single source of truth for every IPC channel and event.
 *
 * Each request channel has a zod schema for its payload (validated in main
 * before any handler runs) and a response type (type-only: the renderer never
 * ships zod's parsers for responses). Each main→renderer event has a schema too.
 *
 * The renderer imports this file for types only.
 */
import { z } from 'zod';
import { channelNameList, eventNameList } from './names';
import type { ChannelNameFromList, EventNameFromList } from './names';
import type { CopyReceipt, VaultAccountView } from '../core/vault/types';
import {
  attemptSchema,
  authChangedEvent,
  authRespondSchema,
  authStartSchema,
  deviceForgetSchema,
  deviceRememberSchema,
  emptySchema,
  enrollCopySetupKeySchema,
  enrollVerifySchema,
  mfaSetSchema,
  profileInputSchema,
  profileRefSchema,
  profilesChangedEvent,
  profileUpdateSchema,
  rememberDeviceSchema,
} from './schemas/auth';
import type {
  AuthStateView,
  AuthStepView,
  DeviceView,
  EnrollmentView,
  MfaSettingsView,
  ProfileRemovalView,
  ProfilesView,
  ProfileView,
  SignedInView,
} from '../core/cognito/views';
import {
  answerApprovalSchema,
  approvalRequestedEvent,
  approvalSettledEvent,
  emptyRequest,
  lockChangedEvent,
  revokeAllowedSchema,
  setClearDelaySchema,
  setIdleLockSchema,
  setLockedSchema,
  setPassphraseSchema,
  unlockSchema,
  setPinsSchema,
  showScreenEvent,
} from './schemas/tray-cli';
import type { AllowedProgram } from '../core/cli-bridge/access-list';
import type { DeskStepView } from '../core/admin/desk';
import type {
  AdminConfigView,
  AdminIdentityView,
  AdminSessionsView,
  AdminUserDetail,
  AdminUserPage,
  AuditEntryView,
  CreatedUserView,
  PoolOverviewView,
} from '../core/admin/views';
import {
  adminAttributesSchema,
  adminConfigureSchema,
  adminConfirmedSchema,
  adminCreateUserSchema,
  adminDeviceRememberedSchema,
  adminDeviceSchema,
  adminEmptySchema,
  adminListUsersSchema,
  adminProfileSchema,
  adminResendSchema,
  adminSetEnabledSchema,
  adminSetGroupSchema,
  adminSessionSchema,
  adminSetMfaSchema,
  adminTemporaryPasswordSchema,
  adminUserSchema,
  deskRefSchema,
  deskRespondSchema,
  deskStartSchema,
} from './schemas/admin';
import {
  attributeRefSchema,
  changePasswordSchema,
  confirmForgotPasswordSchema,
  confirmSignUpSchema,
  forgotPasswordSchema,
  sessionRefSchema,
  signUpSchema,
  updateAttributesSchema,
  verifyAttributeSchema,
} from './schemas/self-service';
import type {
  AccountView,
  CodeDeliveryView,
  SignUpView,
  UserSessionView,
} from '../core/cognito/account-views';
import type { AuditEntry } from '../core/cli-bridge/audit-log';
import { auditListSchema } from './schemas/cli-audit';
import type { PinnedItem } from '../core/tray/model';
import type { LockStatus } from '../core/lock/unlock';
import type { ImportPreviewView, ImportResultView } from '../core/vault/import-session';
import type { TrashItemView } from '../core/vault/trash';
import type { VaultDependent } from '../core/cognito/app-adapters';
import {
  accountRefSchema,
  backupReminderSchema,
  backupSaveSchema,
  exportSchema,
  importCommitSchema,
  importPreviewSchema,
  reenrollSchema,
  setGroupsSchema,
  setSortSchema,
  trashEmptySchema,
  trashRefSchema,
} from './schemas/vault-io';

export type * from '../core/cognito/views';
export type * from '../core/admin/views';
export type { DeskStepView } from '../core/admin/desk';
export type { LockStatus, UnlockMethod } from '../core/lock/unlock';
export type {
  ImportPreviewView,
  ImportResultView,
  ImportItemView,
} from '../core/vault/import-session';
export type { TrashItemView } from '../core/vault/trash';
export type { VaultDependent } from '../core/cognito/app-adapters';
export type * from '../core/cognito/account-views';
export type { AuthAnswer, ProfileInput } from './schemas/auth';

export interface BackupSettingsView {
  /** Remind after this many days without a backup; 0 = never. */
  reminderDays: number;
  lastBackupAt?: number;
  /** True when the reminder is on and its time has come. */
  due: boolean;
}

export interface ErrorInfo {
  code: string;
  message: string;
  retryable: boolean;
  /** e.g. the AWS exception name, for the UI's details line. */
  detail?: string;
  /** The form field the error belongs to. */
  field?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

interface ChannelDef<Req extends z.ZodType, Res> {
  request: Req;
  /** Phantom: carries the response type, never read at runtime. */
  response?: Res;
}

function channel<Res>() {
  return <Req extends z.ZodType>(request: Req): ChannelDef<Req, Res> => ({ request });
}

const id = z.string().min(1).max(200);
const shortText = z.string().max(200);

// ---------------------------------------------------------------- vault views

export type { CopyReceipt, OtpAlgorithm, OtpType, VaultAccountView } from '../core/vault/types';

const otpAlgorithm = z.enum(['SHA1', 'SHA256', 'SHA512']);

export const manualAccountSchema = z.object({
  issuer: shortText,
  account: z.string().min(1, 'Enter the account name.').max(200),
  secret: z.string().min(1, 'Enter the secret key.').max(1024),
  type: z.enum(['totp', 'hotp']).default('totp'),
  algorithm: otpAlgorithm.default('SHA1'),
  digits: z.number().int().min(6).max(8).default(6),
  period: z.number().int().min(1).max(3600).default(30),
  counter: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
});
export type ManualAccountInput = z.input<typeof manualAccountSchema>;

// ---------------------------------------------------------------- channels

export const channels = {
  // Vault
  'vault:list': channel<{ accounts: VaultAccountView[] }>()(z.object({}).strict()),
  'vault:addUri': channel<VaultAccountView>()(
    z.object({ uri: z.string().min(1, 'Paste an otpauth:// link.').max(4096) }).strict(),
  ),
  'vault:addManual': channel<VaultAccountView>()(manualAccountSchema.strict()),
  'vault:importQrImage': channel<VaultAccountView>()(
    z
      .object({
        fileName: shortText,
        /** The image file's bytes, base64. 10 MiB of image at most. */
        dataBase64: z.string().min(1).max(14_000_000),
      })
      .strict(),
  ),
  'vault:copyCode': channel<CopyReceipt>()(
    z.object({ id, which: z.enum(['current', 'next']).default('current') }).strict(),
  ),
  'vault:nextHotp': channel<VaultAccountView>()(z.object({ id }).strict()),
  'vault:rename': channel<VaultAccountView>()(
    z
      .object({
        id,
        issuer: shortText,
        account: z.string().min(1, 'Enter the account name.').max(200),
      })
      .strict(),
  ),
  'vault:reorder': channel<{ ok: true }>()(z.object({ ids: z.array(id).max(10_000) }).strict()),
  'vault:delete': channel<{ ok: true }>()(z.object({ id }).strict()),

  // Import, backup and export, Trash, groups, re-enrollment: added below this line.
  /** The Cognito profiles whose sign-in uses this account's codes ("use this computer"). */
  'vault:dependents': channel<{ dependents: VaultDependent[] }>()(accountRefSchema),
  /** Replaces the secret of an existing account with the one in a new otpauth:// link. */
  'vault:reenroll': channel<VaultAccountView>()(reenrollSchema),
  'vault:setGroups': channel<VaultAccountView>()(setGroupsSchema),
  'vault:getSort': channel<{ sort: 'manual' | 'name' | 'lastUsed' }>()(z.object({}).strict()),
  'vault:setSort': channel<{ sort: 'manual' | 'name' | 'lastUsed' }>()(setSortSchema),
  /** Reads a file or pasted text; returns labels only, the secrets wait in main for import:commit. */
  'import:preview': channel<ImportPreviewView>()(importPreviewSchema),
  /** Saves the previewed accounts the user chose, all or nothing. */
  'import:commit': channel<ImportResultView>()(importCommitSchema),
  'import:cancel': channel<{ ok: true }>()(z.object({}).strict()),
  /** Encrypts the vault and settings with the passphrase and saves it where the user picks. */
  'backup:save': channel<{ saved: boolean; path?: string }>()(backupSaveSchema),
  'backup:getSettings': channel<BackupSettingsView>()(z.object({}).strict()),
  'backup:setReminder': channel<BackupSettingsView>()(backupReminderSchema),
  /** Unencrypted: a text file of otpauth:// links, saved where the user picks. */
  'backup:exportList': channel<{ saved: boolean; path?: string }>()(exportSchema),
  /** Unencrypted: Google Authenticator transfer QR codes (PNG data URLs) to scan with a phone. */
  'backup:exportQr': channel<{ images: string[]; leftOut: number }>()(exportSchema),
  'trash:list': channel<{ items: TrashItemView[] }>()(z.object({}).strict()),
  'trash:restore': channel<{ ok: true }>()(trashRefSchema),
  'trash:empty': channel<{ ok: true }>()(trashEmptySchema),

  // Sign-in, enrollment, devices, profiles
  'profiles:list': channel<ProfilesView>()(emptySchema),
  'profiles:add': channel<ProfileView>()(profileInputSchema),
  'profiles:update': channel<ProfileView>()(profileUpdateSchema),
  'profiles:remove': channel<ProfileRemovalView>()(profileRefSchema),
  'profiles:select': channel<ProfilesView>()(profileRefSchema),
  /** Starts a sign-in attempt; returns the first step that needs the user (or SIGNED_IN). */
  'auth:start': channel<AuthStepView>()(authStartSchema),
  /** Answers the attempt's current step; a wrong code fails with CODE_MISMATCH and keeps the step. */
  'auth:respond': channel<AuthStepView>()(authRespondSchema),
  /** SOFTWARE_TOKEN_MFA with canAutofill: the app computes and submits the code from the vault. */
  'auth:autofill': channel<AuthStepView>()(attemptSchema),
  /** After SESSION_EXPIRED (or any time): a fresh Session, same profile and username. */
  'auth:restart': channel<AuthStepView>()(attemptSchema),
  'auth:cancel': channel<{ ok: true }>()(attemptSchema),
  /** The REMEMBER_DEVICE step's answer. */
  'auth:rememberDevice': channel<AuthStepView>()(rememberDeviceSchema),
  'auth:state': channel<AuthStateView>()(emptySchema),
  /** The profile's signed-in summary; null when signed out. */
  'auth:session': channel<{ session: SignedInView | null }>()(profileRefSchema),
  'auth:refresh': channel<SignedInView>()(profileRefSchema),
  /** RevokeToken, then forget the tokens locally. */
  'auth:signOut': channel<{ ok: true }>()(profileRefSchema),
  /** GlobalSignOut: every session of the user, on every device. */
  'auth:signOutEverywhere': channel<{ ok: true }>()(profileRefSchema),
  /** Signed-in TOTP enrollment (AccessToken chain): returns the setup to show once. */
  'enroll:begin': channel<EnrollmentView>()(profileRefSchema),
  'enroll:verify': channel<MfaSettingsView>()(enrollVerifySchema),
  'enroll:cancel': channel<{ ok: true }>()(z.object({ enrollmentId: id }).strict()),
  /** Copies the open setup's key (sign-in MFA_SETUP or signed-in enrollment) under the clipboard policy. */
  'enroll:copySetupKey': channel<CopyReceipt>()(enrollCopySetupKeySchema),
  'mfa:get': channel<MfaSettingsView>()(profileRefSchema),
  'mfa:set': channel<MfaSettingsView>()(mfaSetSchema),
  'devices:list': channel<{ devices: DeviceView[] }>()(profileRefSchema),
  /** Forgetting this computer also clears its local device keys. */
  'devices:forget': channel<{ devices: DeviceView[] }>()(deviceForgetSchema),
  'devices:setRemembered': channel<{ devices: DeviceView[] }>()(deviceRememberSchema),

  // Tray, clipboard settings, CLI access list
  /** Up to 9 items shown first in the tray menu. */
  'tray:getPins': channel<{ pinned: PinnedItem[] }>()(emptyRequest),
  'tray:setPins': channel<{ pinned: PinnedItem[] }>()(setPinsSchema),
  /** Seconds until a copied code or token is cleared; 0 = never. */
  'clipboard:getClearDelay': channel<{ seconds: number }>()(emptyRequest),
  'clipboard:setClearDelay': channel<{ seconds: number }>()(setClearDelaySchema),
  /** Whether the app is locked, and what the lock screen must ask for to unlock it. */
  'lock:get': channel<LockStatus>()(emptyRequest),
  /**
   * Locking clears the clipboard and stops the window, tray and CLI handing
   * out secrets. Unlocking goes through lock:unlock; `locked: false` here is refused.
   */
  'lock:set': channel<{ locked: boolean }>()(setLockedSchema),
  /** Unlocks with proof: the OS's own check, or the passphrase (chosen here at the first lock). */
  'lock:unlock': channel<{ locked: boolean }>()(unlockSchema),
  /** Sets the unlock passphrase; changing it takes the current one. */
  'lock:setPassphrase': channel<{ ok: true }>()(setPassphraseSchema),
  /** Minutes without input before the app locks itself (also on suspend and screen lock); 0 = never. */
  'lock:getIdleMinutes': channel<{ minutes: number }>()(emptyRequest),
  'lock:setIdleMinutes': channel<{ minutes: number }>()(setIdleLockSchema),
  /** Programs allowed "always" to use the `cognito-auth` CLI. */
  'cli:listAllowed': channel<{ programs: AllowedProgram[] }>()(emptyRequest),
  'cli:revokeAllowed': channel<{ programs: AllowedProgram[] }>()(revokeAllowedSchema),
  /** The answer to a `cli:approvalRequested` event. */
  'cli:answerApproval': channel<{ ok: true }>()(answerApprovalSchema),

  // Admin console: added below this line.
  /** Admin mode for a profile: off until chosen; which AWS profile signs its calls. */
  'admin:config': channel<AdminConfigView>()(adminProfileSchema),
  'admin:configure': channel<AdminConfigView>()(adminConfigureSchema),
  /** Who admin calls act as; resolving it surfaces an expired SSO session before anything changes. */
  'admin:identity': channel<AdminIdentityView>()(adminProfileSchema),
  'admin:listUsers': channel<AdminUserPage>()(adminListUsersSchema),
  'admin:user': channel<AdminUserDetail>()(adminUserSchema),
  'admin:overview': channel<PoolOverviewView>()(adminProfileSchema),
  /** The user's sign-in factors and active sessions. */
  'admin:sessions': channel<AdminSessionsView>()(adminUserSchema),
  'admin:revokeSession': channel<{ ok: true }>()(adminSessionSchema),
  'admin:createUser': channel<CreatedUserView>()(adminCreateUserSchema),
  'admin:resendInvitation': channel<{ ok: true }>()(adminResendSchema),
  'admin:resetPassword': channel<{ ok: true }>()(adminUserSchema),
  /** AdminSetUserPassword, never permanent. */
  'admin:setTemporaryPassword': channel<{ ok: true }>()(adminTemporaryPasswordSchema),
  /** AdminDeleteSoftwareToken: the lost-phone reset. */
  'admin:removeAuthenticator': channel<{ ok: true }>()(adminUserSchema),
  'admin:setMfa': channel<{ ok: true }>()(adminSetMfaSchema),
  'admin:forgetDevice': channel<{ ok: true }>()(adminDeviceSchema),
  'admin:forgetAllDevices': channel<{ forgotten: number }>()(adminConfirmedSchema),
  'admin:setDeviceRemembered': channel<{ ok: true }>()(adminDeviceRememberedSchema),
  'admin:signOutEverywhere': channel<{ ok: true }>()(adminConfirmedSchema),
  'admin:setEnabled': channel<{ ok: true }>()(adminSetEnabledSchema),
  'admin:deleteUser': channel<{ ok: true }>()(adminConfirmedSchema),
  'admin:setGroup': channel<{ ok: true }>()(adminSetGroupSchema),
  'admin:updateAttributes': channel<{ ok: true }>()(adminAttributesSchema),
  'admin:audit': channel<{ entries: AuditEntryView[] }>()(adminEmptySchema),
  'admin:auditCsv': channel<{ csv: string }>()(adminEmptySchema),
  /** Enroll at the desk: the colleague's separate, throw-away sign-in. */
  'admin:deskStart': channel<DeskStepView>()(deskStartSchema),
  'admin:deskRespond': channel<DeskStepView>()(deskRespondSchema),
  'admin:deskRestart': channel<DeskStepView>()(deskRefSchema),
  'admin:deskCancel': channel<{ ok: true }>()(deskRefSchema),
  // Self-service: forgot password, sign-up, my account and my sessions.
  'self:forgotPassword': channel<CodeDeliveryView>()(forgotPasswordSchema),
  'self:confirmForgotPassword': channel<{ ok: true }>()(confirmForgotPasswordSchema),
  'self:signUp': channel<SignUpView>()(signUpSchema),
  'self:confirmSignUp': channel<{ ok: true }>()(confirmSignUpSchema),
  'self:resendSignUpCode': channel<CodeDeliveryView>()(forgotPasswordSchema),
  'account:get': channel<AccountView>()(profileRefSchema),
  'account:changePassword': channel<{ ok: true }>()(changePasswordSchema),
  /** Changed email or phone: codes go out to verify them; the list says where. */
  'account:updateAttributes': channel<{ deliveries: CodeDeliveryView[] }>()(updateAttributesSchema),
  'account:sendVerificationCode': channel<CodeDeliveryView>()(attributeRefSchema),
  'account:verifyAttribute': channel<{ ok: true }>()(verifyAttributeSchema),
  'account:sessions': channel<{ sessions: UserSessionView[] }>()(profileRefSchema),
  /** Revokes one of my other sessions (never this one: that is sign out). */
  'account:revokeSession': channel<{ sessions: UserSessionView[] }>()(sessionRefSchema),
  /** What the CLI was handed and refused, newest first (no secrets), filtered. */
  'cliAudit:list': channel<{ entries: AuditEntry[] }>()(auditListSchema),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type RequestOf<C extends ChannelName> = z.input<Channels[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<Channels[C]['request']>;
export type ResponseOf<C extends ChannelName> = NonNullable<Channels[C]['response']>;

// ---------------------------------------------------------------- events (main → renderer)

export const events = {
  /** Accounts were added, removed, renamed or reordered. */
  'vault:changed': z.object({}).strict(),
  /** A profile signed in, refreshed its tokens, signed out or lost its session. */
  'auth:changed': authChangedEvent,
  /** Profiles were added, changed, removed or selected. */
  'profiles:changed': profilesChangedEvent,
  /** A program ran `cognito-auth` and needs the user's yes or no; answer with cli:answerApproval. */
  'cli:approvalRequested': approvalRequestedEvent,
  /** A question was answered (here or elsewhere) or timed out: take it off the screen. */
  'cli:approvalSettled': approvalSettledEvent,
  /** A program was allowed "always" or revoked. */
  'cli:accessChanged': z.object({}).strict(),
  /** An entry was added to the CLI audit log. */
  'cliAudit:changed': z.object({}).strict(),
  'lock:changed': lockChangedEvent,
  /** The tray's pinned items changed. */
  'tray:pinsChanged': z.object({}).strict(),
  /** Main wants a screen shown (the tray's "Sign in…": the sign-in screen, its profile selected). */
  'ui:show': showScreenEvent,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

/**
 * names.ts repeats the channel and event names without zod, for the preload.
 * This fails to compile, naming the odd ones out, when the two lists differ.
 */
type SameNames<A extends PropertyKey, B extends PropertyKey> = [
  Exclude<A, B> | Exclude<B, A>,
] extends [never]
  ? true
  : { 'add to or remove from names.ts': Exclude<A, B> | Exclude<B, A> };
export const namesMatchContract: [
  SameNames<ChannelName, ChannelNameFromList>,
  SameNames<EventName, EventNameFromList>,
] = [true, true];

export const channelNames: readonly ChannelName[] = channelNameList;
export const eventNames: readonly EventName[] = eventNameList;

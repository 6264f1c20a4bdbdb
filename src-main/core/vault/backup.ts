/**
 * Backups and exports of the whole vault. The backup is encrypted with the
 * user's passphrase (import/app-backup.ts); the two exports are not, and
 * exist to move accounts to a phone or another app.
 */
import QRCode from 'qrcode';
import { AppError } from '../errors';
import type { Clock, SecretStore } from '../ports';
import type { AppStateFile, VaultRecord } from '../state/app-state';
import { sealBackup } from './import/app-backup';
import type { BackupAccount } from './import/app-backup';
import { MigrationPayload } from './import/google-migration';
import { Secret } from 'otpauth';
import { secretKey } from './vault-service';

export const MIN_PASSPHRASE_LENGTH = 10;
/** Google Authenticator reads at most about this many accounts from one QR code. */
const ACCOUNTS_PER_CODE = 10;
const BACKED_UP_SETTINGS = [
  'clipboardClearSeconds',
  'idleLockMinutes',
  'backupReminderDays',
  'vaultSort',
] as const;

export interface VaultBackupDeps {
  secrets: SecretStore;
  state: AppStateFile;
  clock: Clock;
}

export class VaultBackup {
  constructor(private readonly deps: VaultBackupDeps) {}

  /** The encrypted backup file's bytes; `logN` is lowered only by tests. */
  async backup(passphrase: string, logN?: number): Promise<Buffer> {
    if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
      throw new AppError({
        code: 'PASSPHRASE_TOO_SHORT',
        message: `Use a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters: the backup is only as safe as it.`,
        field: 'passphrase',
      });
    }
    const { accounts, settings } = await this.withSecrets();
    return sealBackup(
      {
        createdAt: this.deps.clock.now(),
        accounts: accounts.map(({ record, secret }) => ({
          ...paramsOf(record),
          secret,
          groups: record.groups ?? [],
        })),
        settings,
      },
      passphrase,
      logN,
    );
  }

  /** Call once the backup is on disk: the reminder counts from here. */
  async markBackedUp(): Promise<void> {
    const at = this.deps.clock.now();
    await this.deps.state.update((draft) => {
      draft.settings.lastBackupAt = at;
    });
  }

  /** One otpauth:// link a line: readable by almost every authenticator, and by anyone. */
  async otpauthList(): Promise<string> {
    const { accounts } = await this.withSecrets();
    return accounts.map(({ record, secret }) => otpauthLink(record, secret)).join('\n') + '\n';
  }

  /** Google Authenticator's transfer QR codes, as PNG data URLs. Steam accounts are left out: Google has no such type. */
  async migrationQrCodes(): Promise<{ images: string[]; leftOut: number }> {
    const { accounts } = await this.withSecrets();
    const usable = accounts.filter((a) => a.record.type !== 'steam' && a.record.digits !== 7);
    const batches: (typeof usable)[] = [];
    for (let i = 0; i < usable.length; i += ACCOUNTS_PER_CODE) {
      batches.push(usable.slice(i, i + ACCOUNTS_PER_CODE));
    }
    const batchId = Math.floor(this.deps.clock.now() / 1000) & 0x7fffffff;
    const images = await Promise.all(
      batches.map((batch, batchIndex) => {
        const message = MigrationPayload.create({
          otpParameters: batch.map(({ record, secret }) => ({
            secret: Secret.fromBase32(secret).bytes,
            name: record.issuer ? `${record.issuer}:${record.account}` : record.account,
            issuer: record.issuer,
            algorithm: { SHA1: 1, SHA256: 2, SHA512: 3 }[record.algorithm],
            digits: record.digits === 8 ? 2 : 1,
            type: record.type === 'hotp' ? 1 : 2,
            counter: record.counter ?? 0,
          })),
          version: 1,
          batchSize: batches.length,
          batchIndex,
          batchId,
        });
        const data = Buffer.from(MigrationPayload.encode(message).finish()).toString('base64');
        const link = `otpauth-migration://offline?data=${encodeURIComponent(data)}`;
        return QRCode.toDataURL(link, { errorCorrectionLevel: 'M', margin: 2, scale: 4 });
      }),
    );
    return { images, leftOut: accounts.length - usable.length };
  }

  private async withSecrets(): Promise<{
    accounts: { record: VaultRecord; secret: string }[];
    settings: Record<string, unknown>;
  }> {
    const state = await this.deps.state.read();
    const accounts: { record: VaultRecord; secret: string }[] = [];
    const missing: string[] = [];
    for (const record of state.vault.accounts) {
      const secret = await this.deps.secrets.get(secretKey(record.id));
      if (secret === undefined) missing.push(record.issuer || record.account);
      else accounts.push({ record, secret });
    }
    if (missing.length > 0) {
      throw new AppError({
        code: 'BACKUP_SECRET_MISSING',
        message: `The secret key of ${missing.slice(0, 3).join(', ')} is missing, so a backup would not be complete. Delete or re-enroll ${missing.length === 1 ? 'that account' : 'those accounts'} first.`,
      });
    }
    const settings: Record<string, unknown> = {};
    for (const key of BACKED_UP_SETTINGS) settings[key] = state.settings[key];
    return { accounts, settings };
  }
}

function paramsOf(record: VaultRecord): Omit<BackupAccount, 'secret' | 'groups'> {
  const common = {
    issuer: record.issuer,
    account: record.account,
    type: record.type,
    algorithm: record.algorithm,
    digits: record.digits,
  };
  return record.type === 'hotp'
    ? { ...common, counter: record.counter ?? 0 }
    : { ...common, period: record.period ?? 30 };
}

export function otpauthLink(record: VaultRecord, secret: string): string {
  const label = record.issuer
    ? `${encodeURIComponent(record.issuer)}:${encodeURIComponent(record.account)}`
    : encodeURIComponent(record.account);
  const params = new URLSearchParams({ secret });
  if (record.issuer) params.set('issuer', record.issuer);
  if (record.type === 'steam') {
    params.set('encoder', 'steam');
    return `otpauth://totp/${label}?${params.toString().replace(/\+/g, '%20')}`;
  }
  params.set('algorithm', record.algorithm);
  params.set('digits', String(record.digits));
  if (record.type === 'hotp') params.set('counter', String(record.counter ?? 0));
  else params.set('period', String(record.period ?? 30));
  return `otpauth://${record.type}/${label}?${params.toString().replace(/\+/g, '%20')}`;
}

/**
 * Export files of other authenticators, built from each format's published
 * description (Aegis docs/vault.md, the 2FAS backup layout, Google's
 * MigrationPayload proto), with the KDF parameters those apps document.
 */
import { createCipheriv, pbkdf2Sync, randomBytes, randomUUID, scryptSync } from 'node:crypto';
import { Secret } from 'otpauth';
import { MigrationPayload } from '../../src-main/core/vault/import/google-migration';

export interface SampleAccount {
  issuer: string;
  account: string;
  secret: string;
  type?: 'totp' | 'hotp' | 'steam' | string;
  algorithm?: string;
  digits?: number;
  period?: number;
  counter?: number;
  group?: string;
}

export const SAMPLE: SampleAccount[] = [
  { issuer: 'GitHub', account: 'ada@example.com', secret: 'JBSWY3DPEHPK3PXP' },
  {
    issuer: 'Example Bank',
    account: 'ada',
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    algorithm: 'SHA256',
    digits: 8,
    period: 60,
    group: 'Money',
  },
  {
    issuer: 'Steam',
    account: 'ada_games',
    secret: '63BEDWCQZKTQWPESARIERL5DTTQFCJTK',
    type: 'steam',
  },
];

function seal(key: Buffer, plaintext: Buffer): { nonce: Buffer; tag: Buffer; data: Buffer } {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { nonce, tag: cipher.getAuthTag(), data };
}

function aegisDb(accounts: SampleAccount[]) {
  const groups = [...new Set(accounts.map((a) => a.group).filter(Boolean))].map((name) => ({
    uuid: randomUUID(),
    name: name as string,
  }));
  return {
    version: 3,
    entries: accounts.map((a) => ({
      type: a.type ?? 'totp',
      uuid: randomUUID(),
      name: a.account,
      issuer: a.issuer,
      note: '',
      favorite: false,
      icon: null,
      info: {
        secret: a.secret,
        algo: a.algorithm ?? 'SHA1',
        digits: a.digits ?? (a.type === 'steam' ? 5 : 6),
        period: a.period ?? 30,
        ...(a.type === 'hotp' ? { counter: a.counter ?? 0 } : {}),
      },
      groups: groups.filter((g) => g.name === a.group).map((g) => g.uuid),
    })),
    groups,
  };
}

export function aegisPlain(accounts: SampleAccount[]): string {
  return JSON.stringify({
    version: 1,
    header: { slots: null, params: null },
    db: aegisDb(accounts),
  });
}

/** Aegis's documented scrypt parameters: N = 2^15, r = 8, p = 1, a 256-bit salt. */
export function aegisEncrypted(accounts: SampleAccount[], password: string): string {
  const masterKey = randomBytes(32);
  const salt = randomBytes(32);
  const slotKey = scryptSync(password, salt, 32, {
    N: 32768,
    r: 8,
    p: 1,
    maxmem: 64 * 1024 * 1024,
  });
  const wrapped = seal(slotKey, masterKey);
  const db = seal(masterKey, Buffer.from(JSON.stringify(aegisDb(accounts))));
  return JSON.stringify({
    version: 1,
    header: {
      slots: [
        {
          type: 1,
          uuid: randomUUID(),
          key: wrapped.data.toString('hex'),
          key_params: { nonce: wrapped.nonce.toString('hex'), tag: wrapped.tag.toString('hex') },
          n: 32768,
          r: 8,
          p: 1,
          salt: salt.toString('hex'),
          repaired: true,
        },
      ],
      params: { nonce: db.nonce.toString('hex'), tag: db.tag.toString('hex') },
    },
    db: db.data.toString('base64'),
  });
}

function twoFasServices(accounts: SampleAccount[]) {
  return accounts.map((a, i) => ({
    name: a.issuer,
    secret: a.secret,
    updatedAt: 1704874073731,
    otp: {
      label: `${a.issuer}:${a.account}`,
      account: a.account,
      issuer: a.issuer,
      digits: a.digits ?? 6,
      period: a.period ?? 30,
      algorithm: a.algorithm ?? 'SHA1',
      tokenType: (a.type ?? 'totp').toUpperCase(),
      ...(a.type === 'hotp' ? { counter: a.counter ?? 0 } : {}),
      source: 'Manual',
    },
    order: { position: i },
    ...(a.group ? { groupId: `group-${a.group}` } : {}),
  }));
}

function twoFasGroups(accounts: SampleAccount[]) {
  return [...new Set(accounts.map((a) => a.group).filter(Boolean))].map((name) => ({
    id: `group-${name}`,
    name,
    isExpanded: true,
  }));
}

/** 2FAS: PBKDF2-HMAC-SHA256, 10,000 iterations, 256-bit key; "ciphertext+tag:salt:iv" in Base64. */
function twoFasSeal(plaintext: string, password: string): string {
  const salt = randomBytes(256);
  const key = pbkdf2Sync(password, salt, 10_000, 32, 'sha256');
  const { nonce, tag, data } = seal(key, Buffer.from(plaintext));
  return [Buffer.concat([data, tag]), salt, nonce].map((b) => b.toString('base64')).join(':');
}

export function twoFas(accounts: SampleAccount[], password?: string): string {
  const common = { groups: twoFasGroups(accounts), schemaVersion: 4, appVersionCode: 5000012 };
  if (!password) return JSON.stringify({ services: twoFasServices(accounts), ...common });
  return JSON.stringify({
    services: [],
    ...common,
    servicesEncrypted: twoFasSeal(JSON.stringify(twoFasServices(accounts)), password),
    reference: twoFasSeal('tRViSsLKzd86Hprh4ceC2OP7xazn4rrt4xhfEUbOjxLX8Rc3mkISXE0lWbm', password),
  });
}

/** Google's MigrationPayload, split into `perCode` accounts per QR code like the app does. */
export function googleMigrationLinks(accounts: SampleAccount[], perCode = 10): string[] {
  const algorithms: Record<string, number> = { SHA1: 1, SHA256: 2, SHA512: 3, MD5: 4 };
  const batches: SampleAccount[][] = [];
  for (let i = 0; i < accounts.length; i += perCode) batches.push(accounts.slice(i, i + perCode));
  const batchId = 123456;
  return batches.map((batch, batchIndex) => {
    const message = MigrationPayload.create({
      otpParameters: batch.map((a) => ({
        secret: Secret.fromBase32(a.secret).bytes,
        name: `${a.issuer}:${a.account}`,
        issuer: a.issuer,
        algorithm: algorithms[a.algorithm ?? 'SHA1'],
        digits: a.digits === 8 ? 2 : 1,
        type: a.type === 'hotp' ? 1 : 2,
        counter: a.counter ?? 0,
      })),
      version: 1,
      batchSize: batches.length,
      batchIndex,
      batchId,
    });
    const data = Buffer.from(MigrationPayload.encode(message).finish()).toString('base64');
    return `otpauth-migration://offline?data=${encodeURIComponent(data)}`;
  });
}

export function bitwarden(accounts: SampleAccount[]): string {
  return JSON.stringify({
    encrypted: false,
    folders: [{ id: 'f1', name: 'Money' }],
    items: [
      ...accounts.map((a, i) => ({
        id: `item-${i}`,
        type: 1,
        name: a.issuer,
        folderId: a.group === 'Money' ? 'f1' : null,
        login: {
          username: a.account,
          password: 'not-a-totp',
          totp:
            a.type === 'steam'
              ? `steam://${a.secret}`
              : i === 0
                ? a.secret
                : `otpauth://totp/${encodeURIComponent(a.issuer)}:${encodeURIComponent(a.account)}?secret=${a.secret}&issuer=${encodeURIComponent(a.issuer)}&algorithm=${a.algorithm ?? 'SHA1'}&digits=${a.digits ?? 6}&period=${a.period ?? 30}`,
        },
      })),
      {
        id: 'no-totp',
        type: 1,
        name: 'Wiki',
        login: { username: 'ada', password: 'x', totp: null },
      },
    ],
  });
}

export function andOtp(accounts: SampleAccount[]): string {
  return JSON.stringify(
    accounts.map((a) => ({
      secret: a.secret,
      issuer: a.issuer,
      label: a.account,
      digits: a.digits ?? (a.type === 'steam' ? 5 : 6),
      type: (a.type ?? 'totp').toUpperCase(),
      algorithm: a.algorithm ?? 'SHA1',
      thumbnail: 'Default',
      last_used: 0,
      used_frequency: 0,
      period: a.period ?? 30,
      tags: a.group ? [a.group] : [],
    })),
  );
}

export function otpauthLinks(accounts: SampleAccount[]): string {
  return accounts
    .map((a) =>
      a.type === 'steam'
        ? `otpauth://totp/Steam:${encodeURIComponent(a.account)}?secret=${a.secret}&issuer=Steam&encoder=steam`
        : `otpauth://totp/${encodeURIComponent(a.issuer)}:${encodeURIComponent(a.account)}?secret=${a.secret}&issuer=${encodeURIComponent(a.issuer)}&algorithm=${a.algorithm ?? 'SHA1'}&digits=${a.digits ?? 6}&period=${a.period ?? 30}`,
    )
    .join('\n');
}

/**
 * Every import format, from sample files built by the helpers from each
 * format's documentation: what is found, what is refused and why, and the
 * whole-file failures (wrong password, unknown format, truncated, empty).
 */
import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { PNG } from 'pngjs';
import type { AppError } from '../../src-main/core/errors';
import { readImportSource } from '../../src-main/core/vault/import/read-source';
import type { ParsedImport } from '../../src-main/core/vault/import/types';
import { sealBackup } from '../../src-main/core/vault/import/app-backup';
import {
  aegisEncrypted,
  aegisPlain,
  andOtp,
  bitwarden,
  googleMigrationLinks,
  otpauthLinks,
  SAMPLE,
  twoFas,
} from '../helpers/import-samples';

const NOT_STEAM = SAMPLE.filter((a) => a.type !== 'steam');

function summary(parsed: ParsedImport) {
  return parsed.entries.map((e) =>
    e.account
      ? {
          issuer: e.account.issuer,
          account: e.account.account,
          secret: e.account.secret,
          type: e.account.type,
          algorithm: e.account.algorithm,
          digits: e.account.digits,
          period: e.account.period,
        }
      : { problem: e.label },
  );
}

const EXPECTED = [
  {
    issuer: 'GitHub',
    account: 'ada@example.com',
    secret: 'JBSWY3DPEHPK3PXP',
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  },
  {
    issuer: 'Example Bank',
    account: 'ada',
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    type: 'totp',
    algorithm: 'SHA256',
    digits: 8,
    period: 60,
  },
  {
    issuer: 'Steam',
    account: 'ada_games',
    secret: '63BEDWCQZKTQWPESARIERL5DTTQFCJTK',
    type: 'steam',
    algorithm: 'SHA1',
    digits: 5,
    period: 30,
  },
];

const GOOGLE_EXPECTED = EXPECTED.slice(0, 2).map((a) => ({ ...a, period: 30 }));

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e as AppError,
  );
  if (!error) throw new Error('expected the import to fail');
  return error;
}

describe('import formats', () => {
  it('reads an Aegis plain export, groups included', async () => {
    const parsed = await readImportSource({ text: aegisPlain(SAMPLE) });
    expect(parsed.format).toBe('aegis');
    expect(summary(parsed)).toEqual(EXPECTED);
    expect(parsed.entries[1]?.account && parsed.entries[1].groups).toEqual(['Money']);
  });

  it('opens an Aegis encrypted export with its password, and names a wrong or missing one', async () => {
    const file = aegisEncrypted(SAMPLE, 'correct horse');
    expect(summary(await readImportSource({ text: file, password: 'correct horse' }))).toEqual(
      EXPECTED,
    );
    expect((await failure(readImportSource({ text: file, password: 'wrong' }))).code).toBe(
      'IMPORT_WRONG_PASSWORD',
    );
    expect((await failure(readImportSource({ text: file }))).code).toBe('IMPORT_PASSWORD_NEEDED');
  });

  it('derives the keys of encrypted Aegis and 2FAS files off the main thread, so the app keeps answering', async () => {
    // Counts turns of the event loop while the file is opened: a key derived on the
    // main thread (scryptSync, pbkdf2Sync) lets none happen until it is done.
    const turnsWhile = async (work: () => Promise<unknown>): Promise<number> => {
      let turns = 0;
      let running = true;
      const spin = (): void => {
        if (!running) return;
        turns++;
        setImmediate(spin);
      };
      setImmediate(spin);
      try {
        await work();
      } finally {
        running = false;
      }
      return turns;
    };
    const aegis = aegisEncrypted(SAMPLE, 'correct horse');
    expect(
      await turnsWhile(() => readImportSource({ text: aegis, password: 'correct horse' })),
    ).toBeGreaterThan(0);
    const fas = twoFas(SAMPLE, 'pa55word');
    expect(
      await turnsWhile(() => readImportSource({ text: fas, password: 'pa55word' })),
    ).toBeGreaterThan(0);
  });

  it('never repeats what it could not parse: the seeds in a damaged file stay out of the error', async () => {
    const seed = 'JBSWY3DPEHPK3PXPSEED';
    for (const text of [`[: ${seed} #`, `{"secret": "${seed}" oops}`, `{"db": "${seed}`]) {
      const error = await failure(readImportSource({ text }));
      expect(error.code).toBe('IMPORT_TRUNCATED');
      expect(JSON.stringify(error)).not.toContain(seed);
      expect(error.detail).toMatch(/^not valid JSON( at position \d+)?$/);
    }
  });

  it('reads 2FAS plain and encrypted backups', async () => {
    expect(summary(await readImportSource({ text: twoFas(SAMPLE) }))).toEqual(EXPECTED);
    const encrypted = twoFas(SAMPLE, 'pa55word');
    const parsed = await readImportSource({ bytes: Buffer.from(encrypted), password: 'pa55word' });
    expect(parsed.format).toBe('2fas');
    expect(summary(parsed)).toEqual(EXPECTED);
    const wrong = await failure(readImportSource({ text: encrypted, password: 'nope' }));
    expect(wrong.code).toBe('IMPORT_WRONG_PASSWORD');
    expect(wrong.field).toBe('password');
  });

  it('reads a Google Authenticator batch of several codes, in any order, and names a missing code', async () => {
    const many = Array.from({ length: 25 }, (_, i) => ({
      issuer: `Service ${i}`,
      account: `user${i}`,
      secret: 'JBSWY3DPEHPK3PXP',
    }));
    const links = googleMigrationLinks(many, 10);
    expect(links).toHaveLength(3);
    const all = await readImportSource({ text: [...links].reverse().join('\n') });
    expect(all.format).toBe('google-migration');
    expect(all.entries.filter((e) => e.account)).toHaveLength(25);
    const partial = await readImportSource({ text: `${links[0]}\n${links[2]}` });
    expect(partial.entries.filter((e) => e.account)).toHaveLength(15);
    expect(partial.entries.filter((e) => e.problem).map((e) => e.label)).toEqual([
      'Export code 2 of 3',
    ]);
    // The migration format has no period field: Google Authenticator codes are all 30 s.
    expect(
      summary(await readImportSource({ text: googleMigrationLinks(NOT_STEAM)[0] ?? '' })),
    ).toEqual(GOOGLE_EXPECTED);
  });

  it('reads every QR code in one image holding several', async () => {
    const links = googleMigrationLinks(NOT_STEAM, 1);
    const codes = await Promise.all(
      links.map((l) => QRCode.toBuffer(l, { errorCorrectionLevel: 'M', margin: 4, scale: 4 })),
    );
    const pngs = codes.map((c) => PNG.sync.read(c));
    const width = pngs.reduce((w, p) => w + p.width + 40, 40);
    const height = Math.max(...pngs.map((p) => p.height)) + 80;
    const sheet = new PNG({ width, height });
    sheet.data.fill(255);
    let x = 40;
    for (const p of pngs) {
      PNG.bitblt(p, sheet, 0, 0, p.width, p.height, x, 40);
      x += p.width + 40;
    }
    const parsed = await readImportSource({ bytes: PNG.sync.write(sheet) });
    const byIssuer = (a: { issuer?: string }, b: { issuer?: string }) =>
      (a.issuer ?? '').localeCompare(b.issuer ?? '');
    expect(summary(parsed).sort(byIssuer)).toEqual([...GOOGLE_EXPECTED].sort(byIssuer));
  });

  it('reads a Bitwarden export: otpauth links, bare secrets and steam:// values; items without TOTP are left out', async () => {
    const parsed = await readImportSource({ text: bitwarden(SAMPLE) });
    expect(parsed.format).toBe('bitwarden');
    expect(summary(parsed)).toEqual(EXPECTED);
    const encrypted = await failure(
      readImportSource({ text: JSON.stringify({ encrypted: true, items: [] }) }),
    );
    expect(encrypted.code).toBe('IMPORT_ENCRYPTED_UNSUPPORTED');
  });

  it('reads andOTP JSON and plain otpauth:// lists (Ente Auth plain export)', async () => {
    expect(summary(await readImportSource({ text: andOtp(SAMPLE) }))).toEqual(EXPECTED);
    const list = await readImportSource({ text: `${otpauthLinks(SAMPLE)}\n\n` });
    expect(list.format).toBe('otpauth-list');
    expect(summary(list)).toEqual(EXPECTED);
  });

  it('lists what cannot be used and why, without the secret, beside what can', async () => {
    const text = [
      otpauthLinks(SAMPLE.slice(0, 1)),
      'otpauth://totp/Bad:bob?secret=NOT-BASE32-0189',
      'otpauth://totp/Yandex:bob?secret=JBSWY3DPEHPK3PXP&encoder=yandex',
      'otpauth://totp/Old:bob?secret=JBSWY3DPEHPK3PXP&algorithm=MD5',
    ].join('\n');
    const parsed = await readImportSource({ text });
    const problems = parsed.entries.filter((e) => e.problem);
    expect(problems.map((e) => e.label)).toEqual(['Bad:bob', 'Yandex:bob', 'Old:bob']);
    expect(problems.map((e) => e.problem).join(' ')).not.toContain('NOT-BASE32');
    expect(problems[1]?.problem).toMatch(/encoder=yandex/);
    expect(problems[2]?.problem).toMatch(/MD5.*not supported/);
  });

  it('gives unknown, truncated and empty files their own messages', async () => {
    expect((await failure(readImportSource({ text: 'hello world' }))).code).toBe(
      'IMPORT_UNKNOWN_FORMAT',
    );
    expect((await failure(readImportSource({ text: '{"some":"json"}' }))).code).toBe(
      'IMPORT_UNKNOWN_FORMAT',
    );
    const aegis = aegisPlain(SAMPLE);
    expect((await failure(readImportSource({ text: aegis.slice(0, aegis.length / 2) }))).code).toBe(
      'IMPORT_TRUNCATED',
    );
    const link = googleMigrationLinks(NOT_STEAM)[0] ?? '';
    expect((await failure(readImportSource({ text: link.slice(0, link.length - 12) }))).code).toBe(
      'IMPORT_TRUNCATED',
    );
    expect((await failure(readImportSource({ text: aegisPlain([]) }))).code).toBe(
      'IMPORT_NOTHING_USABLE',
    );
    const none = await failure(
      readImportSource({ text: 'otpauth://totp/Bad:bob?secret=0000000000000000' }),
    );
    expect(none.code).toBe('IMPORT_NOTHING_USABLE');
    expect(none.message).toMatch(/Bad:bob/);
  });

  it("opens this app's backup only with its passphrase, and tells a truncated one apart", async () => {
    const backup = await sealBackup(
      {
        createdAt: 1,
        accounts: EXPECTED.map((a) => ({
          ...a,
          type: a.type as 'totp',
          algorithm: a.algorithm as 'SHA1',
          groups: ['Work'],
        })),
        settings: { clipboardClearSeconds: 45 },
      },
      'long passphrase here',
      12,
    );
    const parsed = await readImportSource({ bytes: backup, password: 'long passphrase here' });
    expect(parsed.format).toBe('app-backup');
    expect(summary(parsed)).toEqual(EXPECTED);
    expect(parsed.settings).toEqual({ clipboardClearSeconds: 45 });
    expect((await failure(readImportSource({ bytes: backup, password: 'other' }))).code).toBe(
      'IMPORT_WRONG_PASSWORD',
    );
    expect(
      (
        await failure(
          readImportSource({ bytes: backup.subarray(0, backup.length - 5), password: 'x' }),
        )
      ).code,
    ).toBe('IMPORT_TRUNCATED');
    const tampered = Buffer.from(backup);
    tampered[9] = 10; // log2 N in the header, authenticated as associated data
    expect(
      (await failure(readImportSource({ bytes: tampered, password: 'long passphrase here' }))).code,
    ).toBe('IMPORT_WRONG_PASSWORD');
  });
});

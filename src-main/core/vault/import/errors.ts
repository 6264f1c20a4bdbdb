/** The ways a whole file can fail to import; each says what to do next. Nothing is saved after any of them. */
import { AppError } from '../../errors';

export function unknownFormat(): AppError {
  return new AppError({
    code: 'IMPORT_UNKNOWN_FORMAT',
    message:
      'This is not a file the app can import. Use an export from Google Authenticator, Aegis, 2FAS, Bitwarden, Ente Auth or andOTP, a list of otpauth:// links, or a backup made by this app.',
    field: 'source',
  });
}

export function truncated(what: string, detail?: string): AppError {
  return new AppError({
    code: 'IMPORT_TRUNCATED',
    message: `The ${what} is incomplete: it ends too early or part of it is damaged. Export or copy it again and import the new copy.`,
    detail,
    field: 'source',
  });
}

export function passwordNeeded(what: string): AppError {
  return new AppError({
    code: 'IMPORT_PASSWORD_NEEDED',
    message: `This ${what} is encrypted. Enter the password it was exported with.`,
    field: 'password',
  });
}

export function wrongPassword(what: string): AppError {
  return new AppError({
    code: 'IMPORT_WRONG_PASSWORD',
    message: `The password does not open this ${what}. Check it and try again; nothing was imported.`,
    field: 'password',
  });
}

export function nothingUsable(reasons: string[]): AppError {
  const first = reasons.slice(0, 3).join(' ');
  return new AppError({
    code: 'IMPORT_NOTHING_USABLE',
    message:
      reasons.length === 0
        ? 'The file holds no accounts, so there is nothing to import.'
        : `None of the ${reasons.length} entries in the file can be used, so nothing was imported. ${first}`,
    field: 'source',
  });
}

export function unsupportedVersion(what: string, version: unknown): AppError {
  return new AppError({
    code: 'IMPORT_UNSUPPORTED_VERSION',
    message: `This ${what} uses format version ${String(version).slice(0, 20)}, which this app cannot read yet. Update the app, or export again from an older version.`,
    field: 'source',
  });
}

export function bitwardenEncrypted(): AppError {
  return new AppError({
    code: 'IMPORT_ENCRYPTED_UNSUPPORTED',
    message:
      'This Bitwarden export is encrypted with your Bitwarden account, which this app cannot open. Export again from Bitwarden choosing “.json” (not “.json (Encrypted)”), import that file, then delete it.',
    field: 'source',
  });
}

/**
 * Where a parser gave up, without what it quoted: V8's JSON errors repeat a
 * piece of the input, and the input here is a list of seeds or a decrypted
 * vault, so only the position is kept (and any quoted text of other parsers
 * is dropped).
 */
export function parseProblem(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error instanceof SyntaxError) {
    const at = /at position (\d+)/.exec(error.message)?.[1];
    return at === undefined ? 'not valid JSON' : `not valid JSON at position ${at}`;
  }
  return error.message.replace(/"[^"]*"|'[^']*'/g, '…');
}

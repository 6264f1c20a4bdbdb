/** The errors every part of a sign-in attempt can raise, worded once. */
import { AppError } from '../errors';

export function unsupported(name: string | undefined): AppError {
  return new AppError({
    code: 'UNSUPPORTED_CHALLENGE',
    message: name
      ? `Cognito asked for "${name}", which a desktop sign-in cannot answer. Check the app client's auth flows with your administrator.`
      : 'Cognito answered without tokens or a challenge.',
    detail: name,
  });
}

export function protocol(what: string): AppError {
  return new AppError({
    code: 'PROTOCOL_ERROR',
    message:
      'Cognito sent an answer this app does not understand. Try again; if it persists, report it.',
    detail: what,
  });
}

/** An error carried inside a device outcome, where the sign-in itself went on. */
export function errorInfo(e: AppError): { code: string; message: string; detail?: string } {
  return { code: e.code, message: e.message, ...(e.detail ? { detail: e.detail } : {}) };
}

/**
 * The one error type that crosses the IPC boundary (as plain data). `code` is
 * stable and machine-readable; `message` is for people; `retryable` tells the
 * UI whether offering "try again" makes sense.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable = false,
    /** Optional detail for the UI's details line (e.g. the AWS exception name). */
    readonly detail?: string,
    /** The form field the error belongs to, so the UI can tie it with aria-describedby. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

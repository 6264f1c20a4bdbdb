/**
 * The one error type that crosses the IPC boundary (as plain data). `code` is
 * stable and machine-readable; `message` is for people; `retryable` tells the
 * UI whether offering "try again" makes sense.
 */
export interface AppErrorOptions {
  code: string;
  message: string;
  retryable?: boolean;
  /** Optional detail for the UI's details line (e.g. the AWS exception name). */
  detail?: string;
  /** The form field the error belongs to, so the UI can tie it with aria-describedby. */
  field?: string;
}

export class AppError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  readonly detail?: string;
  readonly field?: string;

  constructor(options: AppErrorOptions) {
    super(options.message);
    this.name = 'AppError';
    this.code = options.code;
    this.retryable = options.retryable ?? false;
    this.detail = options.detail;
    this.field = options.field;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

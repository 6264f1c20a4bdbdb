/**
 * Transport-free request router: validates a payload against the contract,
 * runs the channel's handler and turns every outcome into a plain Result.
 * Nothing that crosses the boundary is an Error object or carries a stack.
 */
import type { z } from 'zod';
import { isAppError } from '../core/errors';
import { BROKEN_TEXT_MESSAGE, describeInvalid, findBrokenText } from '../core/validation';
import { channels } from './contract';
import type { ChannelName, ErrorInfo, ParsedRequestOf, ResponseOf, Result } from './contract';

/** Who is calling; transports fill in what they know. */
export interface CallContext {
  /** 'electron' (ipcMain), 'harness' (browser test host), 'test'. */
  transport?: string;
  /** URL of the calling page, when the transport knows it. */
  senderUrl?: string;
}

export type Handler<C extends ChannelName> = (
  req: ParsedRequestOf<C>,
  ctx: CallContext,
) => Promise<ResponseOf<C>>;

/** One handler per contract channel; a missing one is a compile error. */
export type Handlers = { [C in ChannelName]: Handler<C> };

/** The handlers of one area (vault, auth, cli); `createHandlers` merges them. */
export type HandlerGroup<Prefix extends string> = {
  [C in ChannelName as C extends `${Prefix}:${string}` ? C : never]: Handler<C>;
};

export interface Router {
  dispatch(channel: string, payload: unknown, ctx?: CallContext): Promise<Result<unknown>>;
}

export interface RouterOptions {
  /** Where unexpected failures are logged (main's console by default). */
  logError?: (channel: string, error: unknown) => void;
}

const GENERIC_FAILURE =
  'Something went wrong inside the app. Try again; if it keeps happening, restart the app.';

export function createRouter(handlers: Handlers, options: RouterOptions = {}): Router {
  const logError =
    options.logError ?? ((channel, error) => console.error(`[ipc] ${channel} failed:`, error));

  return {
    async dispatch(channel, payload, ctx = {}) {
      if (!isChannelName(channel)) {
        return failure({
          code: 'UNKNOWN_CHANNEL',
          message: 'There is no such channel.',
          retryable: false,
        });
      }
      const schema: z.ZodType = channels[channel].request;
      if (findBrokenText(payload)) {
        return failure({ code: 'INVALID_REQUEST', message: BROKEN_TEXT_MESSAGE, retryable: false });
      }
      const parsed = schema.safeParse(payload ?? {}, { error: plainIssueMessage });
      if (!parsed.success) return failure(invalidRequest(schema, parsed.error));
      // The map type ties each channel to its handler; indexing by a union
      // widens the parameter, hence the one cast here.
      const handler = handlers[channel] as Handler<ChannelName>;
      try {
        const value = await handler(parsed.data as ParsedRequestOf<ChannelName>, ctx);
        return { ok: true, value };
      } catch (error) {
        if (isAppError(error)) {
          const info: ErrorInfo = {
            code: error.code,
            message: error.message,
            retryable: error.retryable,
          };
          if (error.detail !== undefined) info.detail = error.detail;
          if (error.field !== undefined) info.field = error.field;
          return failure(info);
        }
        logError(channel, error);
        return failure({ code: 'INTERNAL', message: GENERIC_FAILURE, retryable: true });
      }
    },
  };
}

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

function failure(error: ErrorInfo): Result<never> {
  return { ok: false, error };
}

/**
 * The words for a value a person can get wrong in a form (too short, too
 * long, out of range), used where the schema gives no message of its own.
 * Anything else only a program can send, so zod's own words stay.
 */
function plainIssueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  const bound = (n: unknown): string => String(n);
  if (issue.code === 'too_small') {
    if (issue.origin === 'string')
      return Number(issue.minimum) <= 1
        ? 'This cannot be empty.'
        : `Use at least ${bound(issue.minimum)} characters.`;
    if (issue.origin === 'number') return `Enter ${bound(issue.minimum)} or more.`;
  }
  if (issue.code === 'too_big') {
    if (issue.origin === 'string') return `Use at most ${bound(issue.maximum)} characters.`;
    if (issue.origin === 'number') return `Enter ${bound(issue.maximum)} or less.`;
  }
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'Enter a whole number.';
  return undefined;
}

/** The message is for the person; the field's path goes in the details line for support. */
function invalidRequest(schema: z.ZodType, error: z.ZodError): ErrorInfo {
  const { message, field } = describeInvalid(schema, error);
  const info: ErrorInfo = { code: 'INVALID_REQUEST', message, retryable: false };
  if (field) {
    info.field = field;
    info.detail = field;
  }
  return info;
}

/**
 * The renderer's typed client for the IPC contract. Types come from the
 * contract by type-only import, so no zod (or anything else of main's) ends up
 * in the renderer bundle; main validates every request anyway.
 */
import type {
  ChannelName,
  ErrorInfo,
  EventName,
  EventPayload,
  RequestOf,
  ResponseOf,
} from '../src-main/ipc/contract';
import type { AuthenticatorBridge } from './global';

export class ApiError extends Error {
  constructor(
    readonly channel: string,
    readonly info: ErrorInfo,
  ) {
    super(info.message);
    this.name = 'ApiError';
  }

  get code(): string {
    return this.info.code;
  }

  get field(): string | undefined {
    return this.info.field;
  }
}

const NO_BRIDGE: ErrorInfo = {
  code: 'NO_BRIDGE',
  message:
    'This page only works inside the app (or the browser harness: npm run dev:browser). Open it from there.',
  retryable: false,
};

function bridge(channel: string): AuthenticatorBridge {
  const b = window.authenticator;
  if (!b) throw new ApiError(channel, NO_BRIDGE);
  return b;
}

export function hasBridge(): boolean {
  return window.authenticator !== undefined;
}

export async function call<C extends ChannelName>(
  channel: C,
  request: RequestOf<C>,
): Promise<ResponseOf<C>> {
  const b = bridge(channel);
  let result;
  try {
    result = await b.invoke(channel, request);
  } catch (e) {
    // invoke only rejects when the transport itself fails; the router answers errors as data.
    throw new ApiError(channel, {
      code: 'IPC_FAILED',
      message: 'The app could not reach its background process. Try again, or restart the app.',
      retryable: true,
      detail: e instanceof Error ? e.message : String(e),
    });
  }
  if (result.ok) return result.value as ResponseOf<C>;
  throw new ApiError(channel, result.error);
}

export function on<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  return bridge(event).on(event, (payload) => listener(payload as EventPayload<E>));
}

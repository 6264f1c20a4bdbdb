/**
 * Calls through the one IPC contract as the renderer makes them, typed by
 * channel: `dispatchOk(app, 'vault:addUri', { uri })` checks the request
 * against the channel's schema type and resolves to that channel's value.
 */
import type {
  ChannelName,
  ErrorInfo,
  RequestOf,
  ResponseOf,
  Result,
} from '../../src-main/ipc/contract';

/** The app's services, or the router on its own. */
export interface Dispatcher {
  dispatch(channel: string, payload: unknown): Promise<Result<unknown>>;
}

/** The channel's value; a failed call throws, naming its error, so the test fails there. */
export async function dispatchOk<C extends ChannelName>(
  app: Dispatcher,
  channel: C,
  payload: RequestOf<C>,
): Promise<ResponseOf<C>> {
  const result = await app.dispatch(channel, payload);
  if (!result.ok)
    throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value as ResponseOf<C>;
}

/** The error of a call that must fail (any payload, to test refusals); a success throws. */
export async function dispatchError(
  app: Dispatcher,
  channel: ChannelName,
  payload: unknown,
): Promise<ErrorInfo> {
  const result = await app.dispatch(channel, payload);
  if (result.ok) throw new Error(`${channel} succeeded, but should have failed`);
  return result.error;
}

/** Both, bound to the app a test has now (suites open a fresh one before each test). */
export function dispatchTo(app: () => Dispatcher) {
  return {
    ok: <C extends ChannelName>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>> =>
      dispatchOk(app(), channel, payload),
    fails: (channel: ChannelName, payload: unknown): Promise<ErrorInfo> =>
      dispatchError(app(), channel, payload),
  };
}

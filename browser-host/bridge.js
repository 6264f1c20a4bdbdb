// @ts-check
/**
 * The browser harness's stand-in for the Electron preload: it defines
 * window.authenticator with the preload's exact shape, carried over a
 * WebSocket to the harness in Node. The socket is authenticated by the per-run
 * secret in this page's address (?harness=…), which the server never writes
 * into anything it serves.
 *
 * Served as a same-origin file, because the page's CSP forbids inline script.
 */
(() => {
  // The contract's names, written in by the harness when it serves this file,
  // so this stand-in refuses exactly what the real preload refuses.
  const contract = /* CONTRACT */ { channels: [], events: [] };
  const channels = new Set(contract.channels);
  const events = new Set(contract.events);

  const secret = new URLSearchParams(location.search).get('harness') ?? '';
  const socket = new WebSocket(
    `ws://${location.host}/__harness/ws?secret=${encodeURIComponent(secret)}`,
  );

  const DISCONNECTED = Object.freeze({
    ok: false,
    error: {
      code: 'HARNESS_DISCONNECTED',
      message:
        'The connection to the browser harness is closed. Start “npm run dev:browser” again and open the address it prints.',
      retryable: false,
    },
  });

  /** @type {Map<number, (result: unknown) => void>} */
  const pending = new Map();
  /** @type {Map<string, Set<(payload: unknown) => void>>} */
  const listeners = new Map();
  let nextId = 1;

  const opened = new Promise((resolve) => {
    socket.addEventListener('open', () => resolve(true));
    socket.addEventListener('close', () => resolve(false));
  });

  socket.addEventListener('message', (message) => {
    const data = JSON.parse(String(message.data));
    if (data.type === 'result') {
      pending.get(data.id)?.(data.result);
      pending.delete(data.id);
    } else if (data.type === 'event') {
      for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
    }
  });

  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) resolve(DISCONNECTED);
    pending.clear();
  });

  Object.defineProperty(window, 'authenticator', {
    value: Object.freeze({
      /**
       * @param {string} channel
       * @param {unknown} payload
       */
      async invoke(channel, payload) {
        if (typeof channel !== 'string' || !channels.has(channel)) {
          return {
            ok: false,
            error: {
              code: 'UNKNOWN_CHANNEL',
              message: `There is no channel named "${String(channel).slice(0, 100)}".`,
              retryable: false,
            },
          };
        }
        if (!(await opened) || socket.readyState !== WebSocket.OPEN) return DISCONNECTED;
        const id = nextId++;
        return new Promise((resolve) => {
          pending.set(id, resolve);
          socket.send(JSON.stringify({ type: 'invoke', id, channel, payload }));
        });
      },
      /**
       * @param {string} event
       * @param {(payload: unknown) => void} listener
       */
      on(event, listener) {
        if (typeof event !== 'string' || !events.has(event)) {
          throw new Error(`There is no event named "${String(event).slice(0, 100)}".`);
        }
        if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
        const set = listeners.get(event) ?? new Set();
        listeners.set(event, set);
        set.add(listener);
        return () => set.delete(listener);
      },
    }),
  });
})();

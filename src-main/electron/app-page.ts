/**
 * Where the app's own page lives. In production the renderer is served from a
 * privileged custom scheme (app://bundle/), not file://, so it gets a real
 * origin, a CSP header and no access to the rest of the disk; in development
 * it comes from electron-vite's dev server (ELECTRON_RENDERER_URL).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';

export interface AppPage {
  /** The URL the main window loads. */
  url: string;
  /** Whether a frame showing `url` is the app's own page (and may use IPC). */
  isAppUrl(url: string): boolean;
}

export function appPage(devServerUrl?: string): AppPage {
  if (devServerUrl) {
    const origin = new URL(devServerUrl).origin;
    return { url: devServerUrl, isAppUrl: (url) => parse(url)?.origin === origin };
  }
  return {
    url: `${APP_SCHEME}://${APP_HOST}/index.html`,
    // Node's URL gives custom schemes an opaque origin, so compare the parts.
    isAppUrl: (url) => {
      const parsed = parse(url);
      return parsed?.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
    },
  };
}

export interface DevServerChoice {
  /** The dev server to load, or undefined for the bundled page. */
  url?: string;
  /** Why a configured dev server was not used, for the log. */
  refused?: string;
}

/**
 * A packaged app never loads a dev server, whatever the environment says:
 * ELECTRON_RENDERER_URL would otherwise let anyone who can set this user's
 * environment serve the window (and so reach its IPC) from a page of theirs.
 * In development only a loopback http(s) server is accepted.
 */
export function chooseDevServer(options: {
  isPackaged: boolean;
  /** ELECTRON_RENDERER_URL, as the environment gave it. */
  configured: string | undefined;
}): DevServerChoice {
  const { configured } = options;
  if (!configured) return {};
  if (options.isPackaged) {
    return { refused: 'ELECTRON_RENDERER_URL is ignored in the packaged app' };
  }
  const parsed = parse(configured);
  const loopback = ['localhost', '127.0.0.1', '[::1]'];
  if (
    !parsed ||
    !['http:', 'https:'].includes(parsed.protocol) ||
    !loopback.includes(parsed.hostname)
  ) {
    return { refused: 'ELECTRON_RENDERER_URL must be an http(s) address on this computer' };
  }
  return { url: configured };
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

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

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

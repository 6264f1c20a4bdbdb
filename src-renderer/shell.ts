/**
 * The app frame: a header with the screen nav, and one <main> that shows one
 * screen at a time. Screens are chosen by the location hash (#/vault), which
 * works the same from file:// in Electron and from the browser harness.
 *
 * Moving to another screen says so: the new screen's title is announced and
 * focus goes to its heading (or to <main> while it loads), not left on the
 * nav link. Choosing the nav link of the screen already shown starts that
 * screen over, as people expect of "Sign in" halfway through a sign-in.
 */
import { h } from './ui/dom';
import { announce } from './ui/live';

/** Undoes whatever mount did: timers, listeners, subscriptions. */
export type Unmount = () => void;

export interface ScreenContext {
  /** Switches to another screen by id (e.g. after sign-in, to 'vault'). */
  navigate(screenId: string): void;
}

export interface ScreenDefinition {
  /** Hash route: #/<id>. */
  id: string;
  /** Nav label, document title and the screen's <h1>. */
  title: string;
  /** false keeps a screen out of the nav (reached only by navigate()). */
  inNav?: boolean;
  mount(container: HTMLElement, ctx: ScreenContext): Unmount;
}

export interface Shell {
  /** Shows a screen afresh, even the one already shown (main asked for it, e.g. the tray). */
  open(screenId: string): void;
}

function screenIdFromHash(): string {
  return decodeURIComponent(location.hash.replace(/^#\/?/, ''));
}

export function startShell(root: HTMLElement, screens: readonly ScreenDefinition[]): Shell {
  const fallback = screens[0];
  if (!fallback) throw new Error('startShell needs at least one screen');

  const links = new Map<string, HTMLAnchorElement>();
  const nav = h(
    'nav',
    { class: 'app-nav', 'aria-label': 'Main' },
    h(
      'ul',
      {},
      ...screens
        .filter((s) => s.inNav !== false)
        .map((s) => {
          const link = h('a', { href: `#/${s.id}`, class: 'nav-link' }, s.title);
          link.addEventListener('click', (event) => {
            if (s.id !== current) return;
            event.preventDefault();
            restart();
          });
          links.set(s.id, link);
          return h('li', {}, link);
        }),
    ),
  );
  const main = h('main', { class: 'app-main', id: 'main', tabindex: -1 });
  root.append(
    h('header', { class: 'app-header' }, h('p', { class: 'app-name' }, 'Authenticator'), nav),
    main,
  );

  let unmount: Unmount | undefined;
  let current: string | undefined;
  const ctx: ScreenContext = {
    navigate: (id) => {
      location.hash = `#/${id}`;
    },
  };

  const show = (): void => {
    const screen = screens.find((s) => s.id === screenIdFromHash()) ?? fallback;
    if (screen.id === current) return;
    // The first screen is where the app opens, not a move: nothing to announce.
    const moved = current !== undefined || restarting;
    restarting = false;
    unmount?.();
    main.replaceChildren();
    current = screen.id;
    document.title = `${screen.title} — Authenticator`;
    for (const [id, link] of links) {
      if (id === screen.id) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    unmount = screen.mount(main, ctx);
    if (moved) arrive(screen.title);
  };

  /** Focus on the screen's heading (the screen may move it on to a field once loaded). */
  const arrive = (title: string): void => {
    announce(title);
    const heading = main.querySelector<HTMLElement>('h1');
    if (heading) {
      if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      heading.focus();
    } else {
      main.focus();
    }
  };

  let restarting = false;
  const restart = (): void => {
    current = undefined;
    restarting = true;
    show();
  };

  window.addEventListener('hashchange', show);
  show();

  return {
    open(screenId) {
      if (screenIdFromHash() !== screenId) {
        ctx.navigate(screenId);
        return;
      }
      // Same route: no hashchange comes, so remount by hand to start the screen over.
      restart();
    },
  };
}

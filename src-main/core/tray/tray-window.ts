/**
 * What the tray's window items do, apart from Electron: "Sign in…" selects
 * the profile and then asks the renderer for the sign-in screen, so the
 * window comes up on the profile the user picked, not wherever it was left.
 */
import type { TrayWindowControls } from './tray-controller';

/** A screen main asks the renderer to show (the `ui:show` event). */
export interface ScreenRequest {
  screen: 'sign-in';
  profileId: string;
}

export interface TrayWindowDeps {
  /** Brings the window up; a window created now starts on `screen`. */
  show(screen?: ScreenRequest['screen']): void;
  selectProfile(profileId: string): Promise<unknown>;
  showScreen(request: ScreenRequest): void;
  lock(): Promise<void>;
  quit(): void;
  logError?: (error: unknown) => void;
}

export function trayWindowControls(deps: TrayWindowDeps): TrayWindowControls {
  return {
    open(signInProfileId) {
      if (signInProfileId === undefined) {
        deps.show();
        return;
      }
      deps.show('sign-in');
      // Selected before the screen is asked for, so the screen reads the new selection.
      deps.selectProfile(signInProfileId).then(
        () => deps.showScreen({ screen: 'sign-in', profileId: signInProfileId }),
        (error: unknown) => deps.logError?.(error),
      );
    },
    lock: () => deps.lock(),
    quit: () => deps.quit(),
  };
}

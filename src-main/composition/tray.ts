/**
 * The tray, wired to the app's services. Only drawing the menu and moving the
 * window are the shell's (Electron's); what each item does comes from here,
 * so the tray serves the same core as the window and the CLI.
 */
import { startAppTray } from '../core/tray/app-tray';
import type { TrayAction, TrayMenu } from '../core/tray/model';
import { trayWindowControls } from '../core/tray/tray-window';
import type { ScreenRequest } from '../core/tray/tray-window';
import type { AppServices } from './index';

export interface TrayShell {
  render(menu: TrayMenu): void;
  /** Brings the window up; a window created now starts on `screen`. */
  showWindow(screen?: ScreenRequest['screen']): void;
  quit(): void;
  logError(error: unknown): void;
}

export interface RunningTray {
  run(action: TrayAction): void;
  stop(): void;
}

export function startTray(app: AppServices, shell: TrayShell): RunningTray {
  const { lock, cognito, cliBackend, vault, trayPins, clipboard, clock, notifier, events } =
    app.services;
  const tray = startAppTray({
    cognito,
    vault,
    tokenById: (profileId, type) => cliBackend.tokenById(profileId, type),
    awsCredentials: (profileId) => cliBackend.getAwsCredentials(profileId),
    lock,
    pins: trayPins,
    clipboard,
    notifier,
    clock,
    timers: { setTimeout, clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) },
    subscribe: (listener) => app.subscribe(listener),
    window: trayWindowControls({
      show: shell.showWindow,
      selectProfile: (profileId) => cognito.selectProfile(profileId),
      showScreen: (request) => events.emit('ui:show', request),
      lock: () => lock.set(true),
      quit: shell.quit,
      logError: shell.logError,
    }),
    render: shell.render,
    logError: shell.logError,
  });
  return {
    run: (action) => void tray.controller.run(action),
    stop: () => tray.stop(),
  };
}

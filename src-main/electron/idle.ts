/**
 * The system's idle time and "user went away" events from Electron's
 * powerMonitor (usable only once the app is ready). 'suspend' is reported on
 * every platform; 'lock-screen' only on macOS and Windows, so on Linux a
 * locked screen is caught by the idle timer alone.
 */
import { powerMonitor } from 'electron';
import type { IdleSource } from '../core/ports';

export class ElectronIdleSource implements IdleSource {
  idleSeconds(): number {
    return powerMonitor.getSystemIdleTime();
  }

  onAway(listener: () => void): () => void {
    powerMonitor.on('suspend', listener);
    powerMonitor.on('lock-screen', listener);
    return () => {
      powerMonitor.off('suspend', listener);
      powerMonitor.off('lock-screen', listener);
    };
  }
}

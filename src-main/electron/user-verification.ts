/**
 * The operating system's own check of the user, where Electron offers one:
 * Touch ID on macOS (systemPreferences.canPromptTouchID / promptTouchID).
 * Elsewhere there is none, and the app falls back to its unlock passphrase.
 */
import { systemPreferences } from 'electron';
import type { UserVerifier } from '../core/ports';

export class ElectronUserVerifier implements UserVerifier {
  constructor(private readonly platform: NodeJS.Platform = process.platform) {}

  available(): boolean {
    return this.platform === 'darwin' && systemPreferences.canPromptTouchID();
  }

  async verify(reason: string): Promise<boolean> {
    if (!this.available()) return false;
    try {
      // Resolves when the person passes, rejects when they cancel or fail.
      await systemPreferences.promptTouchID(reason);
      return true;
    } catch {
      return false;
    }
  }
}

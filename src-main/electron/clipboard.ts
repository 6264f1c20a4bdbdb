/**
 * The Clipboard port over Electron's promise-based clipboard.
 *
 * Concealed copies add the markers clipboard managers look for, through
 * Electron's raw-format escape hatch `electron application/osclipboard;format="<name>"`,
 * written in the same ClipboardItem as the text so they land atomically:
 * - macOS: org.nspasteboard.ConcealedType (nspasteboard.org convention).
 * - Windows: ExcludeClipboardContentFromMonitorProcessing, plus
 *   CanIncludeInClipboardHistory and CanUploadToCloudClipboard as DWORD 0
 *   (keeps codes out of Win+V history and cloud sync).
 * - Linux: x-kde-passwordManagerHint = "secret" (KDE Klipper and compatible managers).
 *
 * Gaps, as far as Electron's documentation goes: it says the raw format name
 * is "the platform format" but not how it is registered on Linux (X11 target
 * vs Wayland MIME type), so whether managers there see the hint is unverified
 * (no Electron binary on the build machine to try it); GNOME's own clipboard
 * history has no such convention at all; the Linux primary selection is never
 * written, so middle-click paste cannot leak a code. If a platform rejects a
 * marker format, the code is still copied, unmarked, and the failure logged:
 * a copy the user asked for matters more than the hint.
 */
import { clipboard, ClipboardItem } from 'electron';
import type { Clipboard } from '../core/ports';

const raw = (format: string) => `electron application/osclipboard;format="${format}"`;

export function concealedMarkers(platform: NodeJS.Platform): Record<string, string | Blob> {
  switch (platform) {
    case 'darwin':
      return { [raw('org.nspasteboard.ConcealedType')]: '' };
    case 'win32': {
      const dwordZero = new Blob([new Uint8Array(4)]);
      return {
        [raw('ExcludeClipboardContentFromMonitorProcessing')]: '',
        [raw('CanIncludeInClipboardHistory')]: dwordZero,
        [raw('CanUploadToCloudClipboard')]: dwordZero,
      };
    }
    default:
      return { [raw('x-kde-passwordManagerHint')]: 'secret' };
  }
}

export class ElectronClipboard implements Clipboard {
  constructor(private readonly platform: NodeJS.Platform = process.platform) {}

  async writeText(text: string, options: { concealed?: boolean } = {}): Promise<void> {
    if (!options.concealed) return clipboard.writeText(text);
    try {
      await clipboard.write([
        new ClipboardItem({ 'text/plain': text, ...concealedMarkers(this.platform) }),
      ]);
    } catch (error) {
      console.warn('[clipboard] concealed markers refused; copying without them:', error);
      await clipboard.writeText(text);
    }
  }

  readText(): Promise<string> {
    return clipboard.readText();
  }

  clear(): void {
    clipboard.clear();
  }
}

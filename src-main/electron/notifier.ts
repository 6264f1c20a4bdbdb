import { Notification } from 'electron';
import type { Notifier } from '../core/ports';

/** Desktop notifications; silently absent where the platform has none. */
export class ElectronNotifier implements Notifier {
  notify(title: string, body: string): void {
    if (!Notification.isSupported()) return;
    new Notification({ title, body, silent: true }).show();
  }
}

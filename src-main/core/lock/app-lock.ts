/**
 * The app's locked state. While locked, the tray offers no copies and the
 * CLI bridge hands out no secrets. Locking also takes back the clipboard
 * and denies CLI questions still open (composition wires those listeners).
 *
 * This is only the state: the proof an unlock needs (the system's own check
 * or the unlock passphrase) is Unlocker's business, and the IPC channels
 * unlock only through it.
 */
export class AppLock {
  private isLocked = false;
  private readonly listeners = new Set<(locked: boolean) => void | Promise<void>>();

  get locked(): boolean {
    return this.isLocked;
  }

  async set(locked: boolean): Promise<void> {
    if (this.isLocked === locked) return;
    this.isLocked = locked;
    for (const listener of [...this.listeners]) await listener(locked);
  }

  onChange(listener: (locked: boolean) => void | Promise<void>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

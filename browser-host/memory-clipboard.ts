import type { Clipboard } from '../src-main/core/ports';

/** The harness's clipboard: kept in memory so tests can read what the app copied. */
export class MemoryClipboard implements Clipboard {
  text = '';
  /** Whether the last write asked to be kept out of clipboard history. */
  lastConcealed: boolean | undefined;

  writeText(text: string, options?: { concealed?: boolean }): void {
    this.text = text;
    this.lastConcealed = options?.concealed;
  }

  readText(): string {
    return this.text;
  }

  clear(): void {
    this.text = '';
  }
}

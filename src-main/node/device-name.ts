/**
 * The name this computer gets as a Cognito device: read from the OS, so it
 * lives with the other Node adapters and core receives it as a plain string.
 */
import { hostname, release, type } from 'node:os';

/** "host (Linux 6.1)": readable in the devices list of any client. */
export function defaultDeviceName(): string {
  const os = { Darwin: 'macOS', Windows_NT: 'Windows', Linux: 'Linux' }[type()] ?? type();
  return `${hostname()} (${os} ${release()})`.slice(0, 128);
}

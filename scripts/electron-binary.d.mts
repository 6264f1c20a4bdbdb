/** The Electron executable's path, or undefined when no binary is installed. */
export function electronBinaryPath(): string | undefined;

/** A file's bytes as base64, for channels that carry files. */
export function toBase64(bytes: Uint8Array): string {
  // btoa wants a binary string; build it in chunks to stay clear of argument-count limits.
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

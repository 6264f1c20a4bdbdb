/** "492039" → ["492", "039"]: codes are read aloud in two halves. */
export function codeHalves(code: string): [string, string] {
  const cut = Math.ceil(code.length / 2);
  return [code.slice(0, cut), code.slice(cut)];
}

/** "492 039", for text where two spans will not do (toasts, announcements). */
export function spacedCode(code: string): string {
  return codeHalves(code).join(' ');
}

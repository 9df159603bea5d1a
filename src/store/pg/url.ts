/** A database URL as it may be shown: never its password (`postgres://ann:***@db/fragments`). */
export function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    // Not a URL the parser takes: show its scheme and host part only, whatever follows may be secret.
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

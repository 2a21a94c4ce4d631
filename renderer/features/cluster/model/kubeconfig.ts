/**
 * The kubeconfig field: one or more paths, separated as in KUBECONFIG (":"
 * on Linux and macOS, ";" on Windows) or by new lines. A Windows drive
 * letter ("C:\…") is not a separator.
 */
export function parseKubeconfigPaths(text: string): string[] {
  const paths: string[] = [];
  for (const chunk of text.split(/[\n;]/)) {
    const parts = chunk.split(':');
    for (let i = 0; i < parts.length; i++) {
      let part = parts[i] ?? '';
      // "C" + ":\\Users\\…" → "C:\\Users\\…"
      if (/^\s*[A-Za-z]$/.test(part) && i + 1 < parts.length && /^[\\/]/.test(parts[i + 1] ?? '')) {
        part = `${part}:${parts[i + 1]}`;
        i++;
      }
      const trimmed = part.trim();
      if (trimmed) paths.push(trimmed);
    }
  }
  return paths;
}

export function formatKubeconfigPaths(paths: readonly string[]): string {
  const windows = paths.some((p) => /^[A-Za-z]:\\/.test(p));
  return paths.join(windows ? ';' : ':');
}

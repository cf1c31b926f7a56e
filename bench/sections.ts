// Which of the benchmark's sections a run measures (`npm run bench -- --only=…`).

/**
 * Whether a `--only` value names a section: its number ("5") or a word its title starts with,
 * case and dashes aside ("cold", "cold-start", "ingest").
 */
export function selectsSection(only: readonly string[] | undefined, section: string): boolean {
  if (!only || only.length === 0) return true;
  const match = /^(\d+)\.\s*(.*)$/.exec(section);
  const number = match?.[1] ?? '';
  const title = (match?.[2] ?? section).toLowerCase();
  return only.some((wanted) => {
    const word = wanted.trim().toLowerCase().replace(/-/g, ' ');
    return word !== '' && (word === number || title.startsWith(word));
  });
}

/**
 * A module imported on first use and kept. Heavy readers (the office and HTML readers, PDF.js's
 * reader) are loaded this way so a function that starts does not evaluate them; keeping the promise
 * means later messages skip the module loader, which under a loader hook (tsx, locally) is a round
 * trip per call. A failed load is not kept: the next call tries again. The bundler still sees the
 * literal `import()` inside `load`.
 */
export function importOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
}

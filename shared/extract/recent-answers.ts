// The rules that read one message ask the same pure questions of the same sentence many times
// (which services it names, its words): the last answers are kept, keyed by the text asked about.

/**
 * `answer`, remembering what it said for the last texts asked (at most `limit`, all forgotten at
 * once when full, so memory stays bounded whatever the mail). Only for pure functions whose
 * answers nobody changes.
 */
export function rememberingRecent<T>(answer: (text: string) => T, limit = 512): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    const found = known.get(text);
    if (found !== undefined) return found;
    const fresh = answer(text);
    if (known.size >= limit) known.clear();
    known.set(text, fresh);
    return fresh;
  };
}

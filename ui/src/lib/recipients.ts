// Turning the "who are you thanking" field into a clean list of names.

/** "ana, Ben ,, ana" -> ["ana", "Ben"]: trimmed, empties dropped, duplicates (any case) removed. */
export function parseRecipients(text: string): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const raw of text.split(",")) {
    const name = raw.trim().replace(/\s+/g, " ");
    const key = name.toLocaleLowerCase();
    if (name === "" || seen.has(key)) continue;
    seen.add(key);
    names.push(name);
  }
  return names;
}

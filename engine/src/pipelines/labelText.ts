import type { Label } from '../compile/types.js';

/** The English text of a label, else its first text, else the fallback: refusals are written in English. */
export function labelText(label: Label | undefined, fallback: string): string {
  if (!label) return fallback;
  return label['en'] ?? Object.values(label)[0] ?? fallback;
}

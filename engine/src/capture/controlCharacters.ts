/**
 * True when `value` holds a C0 control character, DEL, or a Unicode line/paragraph separator;
 * with `multiLine`, tab and line breaks are allowed. Written as a loop: biome refuses control
 * characters in regular expressions.
 */
export function hasControlCharacters(value: string, multiLine = false): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (multiLine && (c === 9 || c === 10 || c === 13)) continue;
    if (c < 32 || c === 127 || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `value` holds half of a UTF-16 surrogate pair: not Unicode text, and PostgreSQL refuses it. */
export function hasLoneSurrogate(value: string): boolean {
  return LONE_SURROGATE.test(value);
}

/** Longest pattern a field may declare: patterns run on every write of the field. */
export const MAX_PATTERN_LENGTH = 500;

/**
 * Why a field `pattern` is refused, or undefined when it is fine: it must compile as a unicode
 * regular expression (as ajv compiles it) and must not repeat a group that itself repeats, as in
 * `(a+)+` or `(\w*,?)*` — the shape behind catastrophic backtracking. Back-references are refused
 * for the same reason.
 */
export function patternProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    return `is not a valid regular expression (${(error as Error).message})`;
  }
  if (/\\[1-9]|\\k</.test(pattern)) return 'must not use back-references (they can make matching very slow)';
  if (hasNestedQuantifier(pattern)) {
    return 'repeats a group that itself repeats, as in (a+)+, which can make matching take forever; simplify it';
  }
  return undefined;
}

/** Quantifiers that let the preceding atom repeat more than once. */
function repeatsAt(pattern: string, i: number): boolean {
  const c = pattern[i];
  if (c === '+' || c === '*') return true;
  if (c !== '{') return false;
  const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
  if (!m) return false;
  if (m[2] === undefined) return Number(m[1]) > 1;
  return m[3] === '' || Number(m[3]) > 1;
}

function hasNestedQuantifier(pattern: string): boolean {
  // One entry per open group: does its content contain a repeating quantifier?
  const groups: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') groups.push(false);
    else if (c === ')') {
      const innerRepeats = groups.pop() ?? false;
      if (innerRepeats && repeatsAt(pattern, i + 1)) return true;
      if (groups.length > 0 && (innerRepeats || repeatsAt(pattern, i + 1))) groups[groups.length - 1] = true;
    } else if (groups.length > 0 && repeatsAt(pattern, i)) {
      groups[groups.length - 1] = true;
    }
  }
  return false;
}

export const MAX_TAGS = 64;
export const TAG_TEXT_MAX = 63;

// 1–63 characters, alphanumeric at both ends, `-`, `_` and `.` allowed inside.
const TAG_KEY = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;

export interface TagProblem {
  /** The offending key, or null when the problem is the map as a whole. */
  key: string | null;
  message: string;
}

/** Every problem of a tag map (SPEC section 2), so one answer can name them all. */
export function tagProblems(tags: Record<string, string>): TagProblem[] {
  const entries = Object.entries(tags);
  const problems: TagProblem[] = [];
  if (entries.length > MAX_TAGS) problems.push({ key: null, message: `at most ${MAX_TAGS} tags are allowed` });
  for (const [key, value] of entries) {
    if (!TAG_KEY.test(key)) {
      problems.push({ key, message: `key must be 1-${TAG_TEXT_MAX} characters, start and end with a letter or digit, and contain only letters, digits, '-', '_' and '.'` });
    }
    if (value.length > TAG_TEXT_MAX) problems.push({ key, message: `value must be at most ${TAG_TEXT_MAX} characters` });
  }
  return problems;
}

/** `500ms`, `10s`, `1m`, or a bare number of seconds. */
export function parseDuration(raw: string): number {
  const match = /^(\d+)(ms|s|m)?$/.exec(raw.trim());
  if (!match) throw new Error(`not a duration: ${raw} (use 500ms, 10s, 1m)`);
  const value = Number(match[1]);
  return match[2] === 'm' ? value * 60_000 : match[2] === 'ms' ? value : value * 1000;
}

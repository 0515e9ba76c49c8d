const SIZE = /^([1-9]\d{0,6})(Gi|Ti)$/;
const GI_PER_UNIT = { Gi: 1, Ti: 1024 } as const;

export const FILESYSTEM_MIN_GI = 1;
export const FILESYSTEM_MAX_GI = 1024 * 1024;

/** Parses a filesystem size such as `512Gi` or `2Ti` into gibibytes; null when malformed. */
export function parseFilesystemSize(text: string): number | null {
  const match = SIZE.exec(text);
  if (!match) return null;
  return Number(match[1]) * GI_PER_UNIT[match[2] as keyof typeof GI_PER_UNIT];
}

/** Why `text` is not a filesystem size we can create, or null when it is. */
export function filesystemSizeProblem(text: string): string | null {
  const gi = parseFilesystemSize(text);
  if (gi === null) return 'must be a whole number of Gi or Ti, such as 512Gi or 2Ti';
  if (gi < FILESYSTEM_MIN_GI || gi > FILESYSTEM_MAX_GI) return `must be between ${FILESYSTEM_MIN_GI}Gi and ${FILESYSTEM_MAX_GI / 1024}Ti`;
  return null;
}

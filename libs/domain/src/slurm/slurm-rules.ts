// POSIX portable user names as useradd takes them: lower case, at most 32 characters.
const USERNAME = /^[a-z_][a-z0-9_-]{0,31}$/;
/** Accounts the cluster itself needs; handing them to a user would break it or grant root. */
const RESERVED_USERNAMES = new Set(['root', 'slurm', 'munge', 'daemon', 'bin', 'sys', 'nobody']);

/** Why `name` cannot be a Slurm cluster user, or null when it can. */
export function slurmUsernameProblem(name: string): string | null {
  if (!USERNAME.test(name)) return 'must be 1-32 characters: lower-case letters, digits, _ and -, not starting with a digit or -';
  if (RESERVED_USERNAMES.has(name)) return `'${name}' is reserved for the system`;
  return null;
}

export const DEFAULT_SLURM_VERSION = '24.05.6';
/** Slurm's year.month[.patch] versions, e.g. `24.05.6` or `23.11`. */
export const SLURM_VERSION_PATTERN = /^\d{2}\.\d{2}(?:\.\d{1,3})?$/;

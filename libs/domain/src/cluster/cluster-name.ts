export const CLUSTER_NAME_MAX = 253;

// Printable characters only; names end up in helm commands, kubeconfigs and log lines.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** Returns why `name` is not a valid cluster name, or null when it is. */
export function clusterNameProblem(name: string): string | null {
  if (name.length === 0) return 'name must not be empty';
  if (name.length > CLUSTER_NAME_MAX) return `name must be at most ${CLUSTER_NAME_MAX} characters`;
  if (name.trim() !== name) return 'name must not start or end with white space';
  if (CONTROL_CHARACTERS.test(name)) return 'name must not contain control characters';
  return null;
}

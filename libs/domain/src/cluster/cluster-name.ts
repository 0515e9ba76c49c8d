export const CLUSTER_NAME_MAX = 253;

// Printable characters only; names end up in helm commands, kubeconfigs and log lines.
const isControlCharacter = (char: string): boolean => {
  const code = char.charCodeAt(0);
  return code < 0x20 || (code >= 0x7f && code <= 0x9f); // C0, DEL and C1
};

/** Returns why `name` is not a valid cluster name, or null when it is. */
export function clusterNameProblem(name: string): string | null {
  if (name.length === 0) return 'name must not be empty';
  if (name.length > CLUSTER_NAME_MAX) return `name must be at most ${CLUSTER_NAME_MAX} characters`;
  if (name.trim() !== name) return 'name must not start or end with white space';
  if ([...name].some(isControlCharacter)) return 'name must not contain control characters';
  return null;
}

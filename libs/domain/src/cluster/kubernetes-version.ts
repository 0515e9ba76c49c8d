export interface KubernetesVersion {
  major: number;
  minor: number;
  /** Absent in `1.32`, which stands for the newest patch of that minor version. */
  patch: number | null;
}

/** Fluidstack's update pattern: the leading `v` is required there. */
export const KUBERNETES_VERSION_UPDATE_PATTERN = /^v(\d{1,2})\.(\d{1,3})(?:\.(\d{1,3}))?$/;
/** On create the seed's own example has no `v` (`1.32.5`), so it is optional. */
const CREATE_PATTERN = /^v?(\d{1,2})\.(\d{1,3})(?:\.(\d{1,3}))?$/;

/** Parses `1.32.5`, `v1.32.5` or `v1.32`; null for anything else. */
export function parseKubernetesVersion(text: string, pattern: RegExp = CREATE_PATTERN): KubernetesVersion | null {
  const match = pattern.exec(text);
  if (!match) return null;
  return { major: Number(match[1]), minor: Number(match[2]), patch: match[3] === undefined ? null : Number(match[3]) };
}

/** How versions are stored and shown in cluster bodies: `1.32.5`, without the `v`. */
export function formatKubernetesVersion(version: KubernetesVersion): string {
  return version.patch === null ? `${version.major}.${version.minor}` : `${version.major}.${version.minor}.${version.patch}`;
}

/** How kubelets report it: `v1.32.5`. */
export function kubeletVersion(stored: string): string {
  return stored.startsWith('v') ? stored : `v${stored}`;
}

export function compareKubernetesVersions(a: KubernetesVersion, b: KubernetesVersion): number {
  return a.major - b.major || a.minor - b.minor || (a.patch ?? 0) - (b.patch ?? 0);
}

export type UpgradeDecision = { kind: 'upgrade'; target: string } | { kind: 'unchanged' } | { kind: 'refused'; reason: string };

/**
 * What a request to move a cluster from `current` to `requested` (update pattern, `v` required)
 * means: an upgrade, nothing (same version), or a refusal (malformed, or a downgrade, which
 * Kubernetes control planes do not support).
 */
export function decideUpgrade(current: string | null, requested: string): UpgradeDecision {
  const target = parseKubernetesVersion(requested, KUBERNETES_VERSION_UPDATE_PATTERN);
  if (!target) return { kind: 'refused', reason: `version '${requested}' must look like v1.32 or v1.32.5` };
  const from = current === null ? null : parseKubernetesVersion(current);
  if (from) {
    const order = compareKubernetesVersions(target, from);
    if (order < 0) return { kind: 'refused', reason: `cannot downgrade from ${formatKubernetesVersion(from)} to ${formatKubernetesVersion(target)}` };
    if (order === 0) return { kind: 'unchanged' };
  }
  return { kind: 'upgrade', target: formatKubernetesVersion(target) };
}

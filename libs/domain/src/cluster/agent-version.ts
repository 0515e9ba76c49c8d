export interface AgentVersion {
  major: number;
  minor: number;
  patch: number;
  /** True for a pre-release such as `2.20.0-rc.1`, which ranks below `2.20.0`. */
  prerelease: boolean;
}

// Strict: no surrounding white space, because versions are pasted into shell commands.
const VERSION_PATTERN = /^v?(\d{1,4})\.(\d{1,4})(?:\.(\d{1,6}))?(-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** Parses `2.24`, `v2.20.1`, `2.21.0-rc.1`; returns null for anything else. */
export function parseAgentVersion(raw: string): AgentVersion | null {
  const match = VERSION_PATTERN.exec(raw);
  if (!match) return null;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3] ?? 0), prerelease: match[4] !== undefined };
}

export function compareAgentVersions(a: AgentVersion, b: AgentVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || Number(b.prerelease) - Number(a.prerelease);
}

/** True when `raw` parses and is strictly below `floor` (e.g. `isVersionBelow('2.19.9', '2.20')`). */
export function isVersionBelow(raw: string, floor: string): boolean {
  const version = parseAgentVersion(raw);
  const minimum = parseAgentVersion(floor);
  if (!version || !minimum) return false;
  return compareAgentVersions(version, minimum) < 0;
}

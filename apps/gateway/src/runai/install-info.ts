import { AppError } from '@clusterplane/contracts';
import { isVersionBelow, parseAgentVersion } from '@clusterplane/domain';

export const MIN_INSTALLABLE_AGENT_VERSION = '2.15';
export const AGENT_REPOSITORY_NAME = 'clusterplane';

export interface InstallInfoInput {
  clusterId: string;
  version: string;
  remoteClusterUrl?: string;
  clientSecret: string;
  controlPlaneUrl: string;
  chartRepoUrl: string;
}

/** Seed 001's ClusterInstallationInfoResponse: a helm command a user can paste as is. */
export function buildInstallInfo(input: InstallInfoInput): Record<string, string> {
  if (!parseAgentVersion(input.version)) {
    throw AppError.invalid(`version '${input.version}' is not a version like 2.24`, [{ field: 'version', message: 'not a version' }]);
  }
  if (isVersionBelow(input.version, MIN_INSTALLABLE_AGENT_VERSION)) {
    throw AppError.invalid(`cluster versions below ${MIN_INSTALLABLE_AGENT_VERSION} are not supported`, [{ field: 'version', message: `must be ${MIN_INSTALLABLE_AGENT_VERSION} or above` }]);
  }
  const settings = [
    `controlPlane.url=${input.controlPlaneUrl}`,
    `controlPlane.clientSecret=${input.clientSecret}`,
    `cluster.uid=${input.clusterId}`,
    ...(input.remoteClusterUrl ? [`cluster.url=${input.remoteClusterUrl}`] : []),
  ];
  const installationStr = [
    `helm repo add ${AGENT_REPOSITORY_NAME} ${input.chartRepoUrl} && helm repo update &&`,
    `helm upgrade -i clusterplane-agent ${AGENT_REPOSITORY_NAME}/clusterplane-agent -n clusterplane-agent --create-namespace`,
    `--version ${input.version}`,
    ...settings.map((s) => `--set ${shellQuote(helmValue(s))}`),
  ].join(' ');
  return { installationStr, repositoryName: AGENT_REPOSITORY_NAME, chartRepoURL: input.chartRepoUrl, clientSecret: input.clientSecret };
}

/** Helm splits `--set` values at commas; a literal comma must be escaped for helm. */
function helmValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/,/g, '\\,');
}

function shellQuote(value: string): string {
  return /^[A-Za-z0-9._:/=@-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

import { DEFAULT_LIVENESS_TIMEOUT_MS } from '@clusterplane/domain';
import { durationMsSchema, loadServiceConfig, type BaseConfig } from '@clusterplane/platform';

export interface DeletionConfig extends BaseConfig {
  agentUninstallGraceMs: number;
  deleteRecheckMs: number;
  livenessTimeoutMs: number;
}

export function loadDeletionConfig(env: NodeJS.ProcessEnv = process.env): DeletionConfig {
  return loadServiceConfig({
    service: 'deletion',
    portVariable: 'DELETION_HTTP_PORT',
    defaultPort: 3103,
    env: {
      /** How long a graceful delete waits for the agent to acknowledge its uninstall. */
      AGENT_UNINSTALL_GRACE_MS: durationMsSchema.default(5 * 60_000),
      /** How often a waiting delete re-checks (a delayed job, never a sleeping one). */
      DELETE_RECHECK_MS: durationMsSchema.default(2_000),
      LIVENESS_TIMEOUT_MS: durationMsSchema.default(DEFAULT_LIVENESS_TIMEOUT_MS),
    },
    map: (e) => ({ agentUninstallGraceMs: e.AGENT_UNINSTALL_GRACE_MS, deleteRecheckMs: e.DELETE_RECHECK_MS, livenessTimeoutMs: e.LIVENESS_TIMEOUT_MS }),
  }, env);
}

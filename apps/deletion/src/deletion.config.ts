import { z } from 'zod';
import { baseEnvSchema, durationMsSchema, loadConfig, portSchema, toBaseConfig, type BaseConfig } from '@clusterplane/platform';
import { DEFAULT_LIVENESS_TIMEOUT_MS } from '@clusterplane/domain';

const envSchema = baseEnvSchema.extend({
  DELETION_HTTP_PORT: portSchema.default(3103),
  /** How long a graceful delete waits for the agent to acknowledge its uninstall. */
  AGENT_UNINSTALL_GRACE_MS: durationMsSchema.default(5 * 60_000),
  /** How often a waiting delete re-checks (a delayed job, never a sleeping one). */
  DELETE_RECHECK_MS: durationMsSchema.default(2_000),
  LIVENESS_TIMEOUT_MS: durationMsSchema.default(DEFAULT_LIVENESS_TIMEOUT_MS),
});

export interface DeletionConfig extends BaseConfig {
  agentUninstallGraceMs: number;
  deleteRecheckMs: number;
  livenessTimeoutMs: number;
}

export function loadDeletionConfig(env: NodeJS.ProcessEnv = process.env): DeletionConfig {
  const parsed = loadConfig('deletion', envSchema, env) as z.output<typeof envSchema>;
  return {
    ...toBaseConfig('deletion', parsed, parsed.DELETION_HTTP_PORT),
    agentUninstallGraceMs: parsed.AGENT_UNINSTALL_GRACE_MS,
    deleteRecheckMs: parsed.DELETE_RECHECK_MS,
    livenessTimeoutMs: parsed.LIVENESS_TIMEOUT_MS,
  };
}

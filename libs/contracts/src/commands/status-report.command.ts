import { z } from 'zod';
import { agentCommandSchema, agentReportSchema } from '../agent/agent-report';
import { defineCommand } from './define-command';

/**
 * An agent report forwarded by the gateway; the reply comes once the report is stored. The
 * status service re-checks the cluster under its row lock, so the reply is authoritative:
 * `deleted` (the agent must uninstall) and `revoked` (the secret the gateway verified is no
 * longer the cluster's) store nothing; `commands` are what the agent must do next.
 */
export const statusReportCommand = defineCommand({
  name: 'status.report',
  service: 'status',
  request: z.object({
    clusterId: z.string().uuid(),
    tenantId: z.number().int(),
    /** The secret version the gateway verified the agent's secret against; absent for reports made inside the product. */
    secretVersion: z.number().int().optional(),
    receivedAt: z.string(),
    report: agentReportSchema,
  }),
  reply: z.object({
    outcome: z.enum(['stored', 'deleted', 'revoked']),
    commands: z.array(agentCommandSchema),
  }),
});

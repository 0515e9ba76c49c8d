import { z } from 'zod';
import { agentReportSchema } from '../agent/agent-report';
import { defineCommand } from './define-command';

/** An agent report forwarded by the gateway; the reply comes once the report is stored. */
export const statusReportCommand = defineCommand({
  name: 'status.report',
  service: 'status',
  request: z.object({
    clusterId: z.string().uuid(),
    tenantId: z.number().int(),
    receivedAt: z.string(),
    report: agentReportSchema,
  }),
  reply: z.object({ stored: z.boolean() }),
});

import { z } from 'zod';

const conditionSchema = z.object({
  type: z.string().min(1).max(316),
  status: z.enum(['True', 'False', 'Unknown']),
  reason: z.string().min(1).max(1024).regex(/^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$/),
  message: z.string().max(32768).default(''),
  lastTransitionTime: z.string().datetime({ offset: true }).optional(),
  observedGeneration: z.number().int().min(0).optional(),
});

const operandSchema = z.object({
  ready: z.boolean(),
  reasons: z.array(z.string().max(1024)).max(64).optional(),
  unreadyThresholdCrossed: z.boolean().optional(),
  lastTransitionTime: z.string().datetime({ offset: true }).optional(),
});

interface DependencyStatus {
  available: boolean;
  reason?: string;
  components?: Record<string, DependencyStatus>;
}
const dependencySchema: z.ZodType<DependencyStatus> = z.lazy(() =>
  z.object({
    available: z.boolean(),
    reason: z.string().max(1024).optional(),
    components: z.record(z.string().max(253), dependencySchema).optional(),
  }),
);

const metricSampleSchema = z.object({
  type: z.string().min(1).max(64).regex(/^[A-Z][A-Z0-9_]*$/),
  nodePool: z.string().max(253).optional(),
  value: z.number().finite(),
  timestamp: z.string().datetime({ offset: true }).optional(),
});

/** Body of `POST /api/v1/agent/clusters/{clusterUuid}/status` (SPEC section 6). */
export const agentReportSchema = z.strictObject({
  reportedAt: z.string().datetime({ offset: true }),
  version: z.string().min(1).max(50),
  platform: z.object({
    type: z.enum(['vanilla', 'openshift', 'rke', 'gke', 'aks', 'eks']).nullable().optional(),
    kubeVersion: z.string().max(50).nullable().optional(),
  }).nullable().optional(),
  config: z.object({
    workloadOwnershipProtection: z.boolean().nullable().optional(),
    subdomainEnabled: z.boolean().nullable().optional(),
    ingressClass: z.string().max(253).nullable().optional(),
  }).nullable().optional(),
  conditions: z.array(conditionSchema).max(64).default([]),
  operands: z.record(z.string().max(253), operandSchema).default({}),
  dependencies: z.object({
    required: z.record(z.string().max(253), dependencySchema).default({}),
    optional: z.record(z.string().max(253), dependencySchema).default({}),
  }).default({ required: {}, optional: {} }),
  nodePools: z.array(z.object({ name: z.string().min(1).max(253), nodes: z.number().int().min(0).optional(), gpus: z.number().int().min(0).optional() })).max(256).optional(),
  metrics: z.array(metricSampleSchema).max(2048).optional(),
  acks: z.array(z.object({ command: z.enum(['uninstall']), id: z.string().max(128) })).max(16).optional(),
});

export type AgentReport = z.infer<typeof agentReportSchema>;
export type AgentCondition = z.infer<typeof conditionSchema>;

/** Commands the control plane hands an agent in the answer to its report. */
export const agentCommandSchema = z.object({ command: z.enum(['uninstall']), id: z.string() });
export type AgentCommand = z.infer<typeof agentCommandSchema>;

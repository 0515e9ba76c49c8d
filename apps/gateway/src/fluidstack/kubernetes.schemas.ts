import { z } from 'zod';
import { cidrProblem, cidrsOverlap, formatKubernetesVersion, KUBERNETES_VERSION_UPDATE_PATTERN, parseIpv4Cidr, parseKubernetesVersion } from '@clusterplane/domain';
import { byRule, instanceType, nodeCount, poolName, required, resourceName } from './fluidstack.schemas';

export const DEFAULT_POD_CIDR = '10.233.0.0/18';
export const DEFAULT_SERVICE_CIDR = '10.233.64.0/18';

const cidr = (fallback: string) =>
  z.string().max(43).superRefine(byRule(cidrProblem)).meta({ description: 'An IPv4 network address between /8 and /28.', example: fallback }).default(fallback);

/**
 * The default pool of a create: no pool when the object is absent or `create` is false;
 * otherwise `type` is needed, the name defaults to `default` and the count to 1.
 */
export const defaultNodePoolShape = { create: z.boolean().default(true), name: poolName.default('default'), type: instanceType.optional(), count: nodeCount.default(1) };

export function requireTypeWhenCreating(pool: { create: boolean; type?: string }, ctx: z.RefinementCtx): void {
  if (pool.create && pool.type === undefined) ctx.addIssue({ code: 'custom', message: 'is required when create is true', path: ['type'] });
}

export const createKubernetesClusterBody = z
  .object({
    name: resourceName,
    version: z
      .string(required)
      .max(20)
      .refine((v) => parseKubernetesVersion(v) !== null, 'must look like 1.32 or 1.32.5')
      .meta({ description: 'Kubernetes 1.32 or 1.32.5; a leading v is accepted.', example: '1.32.5' })
      .transform((v) => formatKubernetesVersion(parseKubernetesVersion(v)!)),
    podCIDRBlock: cidr(DEFAULT_POD_CIDR),
    serviceCIDRBlock: cidr(DEFAULT_SERVICE_CIDR),
    defaultNodePool: z.object(defaultNodePoolShape).superRefine(requireTypeWhenCreating).optional(),
  })
  .superRefine((body, ctx) => {
    const pods = parseIpv4Cidr(body.podCIDRBlock);
    const services = parseIpv4Cidr(body.serviceCIDRBlock);
    if (pods && services && cidrsOverlap(pods, services)) {
      ctx.addIssue({ code: 'custom', message: `must not overlap podCIDRBlock ${body.podCIDRBlock}`, path: ['serviceCIDRBlock'] });
    }
  });

/** The seed's pattern; the no-downgrade rule is applied by the provisioning service. */
export const updateKubernetesClusterBody = z.object({
  version: z
    .string()
    .max(20)
    .regex(KUBERNETES_VERSION_UPDATE_PATTERN, 'must look like v1.32 or v1.32.5')
    .meta({ description: 'Starts an upgrade to this version; a downgrade is 400.', example: 'v1.33' })
    .optional(),
});

export const createKubernetesNodePoolBody = z.object({ name: poolName, type: instanceType, count: nodeCount });

export const scaleNodePoolBody = z.object({ count: nodeCount });

import { z } from 'zod';
import { DEFAULT_SLURM_VERSION, SLURM_VERSION_PATTERN, slurmUsernameProblem, sshPublicKeyProblem } from '@clusterplane/domain';
import { byRule, clusterParams, instanceType, nodeCount, poolName, required, resourceName } from './fluidstack.schemas';
import { defaultNodePoolShape, requireTypeWhenCreating } from './kubernetes.schemas';

const loginNodes = z.number().int('must be a whole number').min(0, 'must be at least 0').max(16, 'must be at most 16');

/** Not in the seed (it documents reads only); shaped like the Kubernetes create. */
export const createSlurmClusterBody = z.object({
  name: resourceName,
  version: z.string().regex(SLURM_VERSION_PATTERN, 'must be a Slurm version such as 24.05.6').default(DEFAULT_SLURM_VERSION),
  /** A Slurm cluster's first pool carries its login node by default. */
  defaultNodePool: z.object({ ...defaultNodePoolShape, loginNodes: loginNodes.default(1) }).superRefine(requireTypeWhenCreating).optional(),
});

export const createSlurmNodePoolBody = z.object({ name: poolName, type: instanceType, count: nodeCount, loginNodes: loginNodes.default(0) });

const sshKeys = z
  .array(
    z
      .string()
      .superRefine(byRule(sshPublicKeyProblem))
      .meta({ description: 'An OpenSSH public key: ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa of at least 2048 bits.', example: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEaSkijEWFbnjixzWRw3u2spZZaeVeWO5/ymySevCvXh' }),
    required,
  )
  .max(32, 'at most 32 keys')
  .refine((keys) => new Set(keys).size === keys.length, 'must not list a key twice');

export const addSlurmUserBody = z.object({
  username: z
    .string(required)
    .superRefine(byRule(slurmUsernameProblem))
    .meta({ description: 'A POSIX user name, 1-32 characters; system accounts such as root and slurm are refused.', example: 'user01' }),
  sshKeys,
  sudo: z.boolean().default(false),
});

/** `sudo` keeps its value when omitted (seed 004). */
export const updateSlurmUserBody = z.object({ sshKeys, sudo: z.boolean().optional() });

export const slurmUserParams = clusterParams.extend({ username: z.string().min(1).max(64) });

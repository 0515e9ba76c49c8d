import type { z } from 'zod';
import { clusterApplyManifestCommand } from './cluster-apply-manifest.command';
import { clusterCreateCommand } from './cluster-create.command';
import { clusterDeleteCommand } from './cluster-delete.command';
import { clusterRenameCommand } from './cluster-rename.command';
import { clusterUpdateCommand } from './cluster-update.command';
import { clusterUpgradeCommand } from './cluster-upgrade.command';
import { filesystemCreateCommand } from './filesystem-create.command';
import { filesystemDeleteCommand } from './filesystem-delete.command';
import { instanceCreateCommand } from './instance-create.command';
import { instanceDeleteCommand } from './instance-delete.command';
import { instanceStartCommand, instanceStopCommand } from './instance-power.commands';
import { nodePoolCreateCommand } from './nodepool-create.command';
import { nodePoolDeleteCommand } from './nodepool-delete.command';
import { nodePoolScaleCommand } from './nodepool-scale.command';
import { projectCreateCommand } from './project-create.command';
import { projectDeleteCommand } from './project-delete.command';
import { slurmUserCreateCommand, slurmUserDeleteCommand, slurmUserUpdateCommand } from './slurm-user.commands';
import { statusReportCommand } from './status-report.command';
import { statusReportBatchCommand } from './status-report-batch.command';
import { tenantConfigCreateCommand } from './tenant-config-create.command';
import { tenantConfigDeleteCommand } from './tenant-config-delete.command';

/** Every command on the bus. A handler is registered by its key; the key is the wire name. */
export const COMMANDS = {
  [clusterCreateCommand.name]: clusterCreateCommand,
  [clusterDeleteCommand.name]: clusterDeleteCommand,
  [clusterRenameCommand.name]: clusterRenameCommand,
  [statusReportCommand.name]: statusReportCommand,
  [statusReportBatchCommand.name]: statusReportBatchCommand,
  [clusterApplyManifestCommand.name]: clusterApplyManifestCommand,
  [clusterUpdateCommand.name]: clusterUpdateCommand,
  [tenantConfigCreateCommand.name]: tenantConfigCreateCommand,
  [tenantConfigDeleteCommand.name]: tenantConfigDeleteCommand,
  // Fluidstack resources (seed 004).
  [projectCreateCommand.name]: projectCreateCommand,
  [projectDeleteCommand.name]: projectDeleteCommand,
  [filesystemCreateCommand.name]: filesystemCreateCommand,
  [filesystemDeleteCommand.name]: filesystemDeleteCommand,
  [instanceCreateCommand.name]: instanceCreateCommand,
  [instanceStartCommand.name]: instanceStartCommand,
  [instanceStopCommand.name]: instanceStopCommand,
  [instanceDeleteCommand.name]: instanceDeleteCommand,
  [clusterUpgradeCommand.name]: clusterUpgradeCommand,
  [nodePoolCreateCommand.name]: nodePoolCreateCommand,
  [nodePoolScaleCommand.name]: nodePoolScaleCommand,
  [nodePoolDeleteCommand.name]: nodePoolDeleteCommand,
  [slurmUserCreateCommand.name]: slurmUserCreateCommand,
  [slurmUserUpdateCommand.name]: slurmUserUpdateCommand,
  [slurmUserDeleteCommand.name]: slurmUserDeleteCommand,
} as const;

export type CommandName = keyof typeof COMMANDS;
export type CommandRequest<N extends CommandName> = z.input<(typeof COMMANDS)[N]['request']>;
export type ParsedCommandRequest<N extends CommandName> = z.output<(typeof COMMANDS)[N]['request']>;
export type CommandReply<N extends CommandName> = z.output<(typeof COMMANDS)[N]['reply']>;

export function commandSubject(root: string, name: CommandName): string {
  return `${root}.cmd.${name}`;
}

import type { z } from 'zod';
import { clusterCreateCommand } from './cluster-create.command';
import { clusterDeleteCommand } from './cluster-delete.command';
import { statusReportCommand } from './status-report.command';

/** Every command on the bus. A handler is registered by its key; the key is the wire name. */
export const COMMANDS = {
  [clusterCreateCommand.name]: clusterCreateCommand,
  [clusterDeleteCommand.name]: clusterDeleteCommand,
  [statusReportCommand.name]: statusReportCommand,
} as const;

export type CommandName = keyof typeof COMMANDS;
export type CommandRequest<N extends CommandName> = z.input<(typeof COMMANDS)[N]['request']>;
export type ParsedCommandRequest<N extends CommandName> = z.output<(typeof COMMANDS)[N]['request']>;
export type CommandReply<N extends CommandName> = z.output<(typeof COMMANDS)[N]['reply']>;

export function commandSubject(root: string, name: CommandName): string {
  return `${root}.cmd.${name}`;
}

import type { CommandName, CommandReply, ParsedCommandRequest } from '@clusterplane/contracts';

/** A service's handler for one command; registered by listing it in COMMAND_HANDLERS. */
export interface CommandHandler<N extends CommandName = CommandName> {
  readonly command: N;
  handle(request: ParsedCommandRequest<N>): Promise<CommandReply<N>>;
}

/** DI token: the array of the service's command handlers. */
export const COMMAND_HANDLERS = Symbol('COMMAND_HANDLERS');

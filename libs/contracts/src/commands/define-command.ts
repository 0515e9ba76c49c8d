import type { z } from 'zod';
import type { CommandCodec } from './command-codec';

export type ServiceName = 'provisioning' | 'node-pool' | 'deletion' | 'status';

export interface CommandDefinition<
  N extends string = string,
  Req extends z.ZodType = z.ZodType,
  Rep extends z.ZodType = z.ZodType,
> {
  /** `<resource>.<verb>`; the subject is `<root>.cmd.<name>`. Never rename one that shipped. */
  name: N;
  /** The service whose queue group answers it. */
  service: ServiceName;
  request: Req;
  reply: Rep;
  /** The request's wire format, when it is not JSON. */
  codec?: CommandCodec;
}

export function defineCommand<N extends string, Req extends z.ZodType, Rep extends z.ZodType>(
  definition: CommandDefinition<N, Req, Rep>,
): CommandDefinition<N, Req, Rep> {
  return definition;
}

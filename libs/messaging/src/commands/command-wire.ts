import { COMMANDS, type CommandDefinition, type CommandName } from '@clusterplane/contracts';
import { decodeJson, encodeJson } from './json-codec';

const codecOf = (name: CommandName) => (COMMANDS[name] as CommandDefinition).codec;

/** A command request's bytes on the bus: its contract's codec, or JSON. */
export function encodeCommandRequest(name: CommandName, request: unknown): Uint8Array {
  const codec = codecOf(name);
  return codec ? codec.encode(request as never) : encodeJson(request);
}

/** The value a request's bytes hold, for its contract's schema to check. */
export function decodeCommandRequest(name: CommandName, bytes: Uint8Array): unknown {
  const codec = codecOf(name);
  return codec ? codec.decode(bytes) : decodeJson(bytes);
}

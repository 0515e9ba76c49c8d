import type { NatsConnection } from 'nats';
import { commandSubject, type CommandName, type CommandRequest } from '@clusterplane/contracts';

/** Sends a command on the bus as the gateway would, for tests of a service without its dialect. */
export async function sendCommand<N extends CommandName>(nc: NatsConnection, subjectRoot: string, name: N, request: CommandRequest<N>): Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }> {
  const reply = await nc.request(commandSubject(subjectRoot, name), new TextEncoder().encode(JSON.stringify(request)), { timeout: 10_000 });
  return JSON.parse(new TextDecoder().decode(reply.data));
}

import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, QUEUE_NAMES } from '@clusterplane/contracts';
import { QueueRegistry } from '@clusterplane/queues';
import { JwtVerifier } from '../auth/jwt-verifier.service';

export const BULL_BOARD_PATH = '/ops/queues';
const TOKEN_COOKIE = 'cp_ops_token';

function cookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie ?? '';
  return header.split(';').map((p) => p.trim().split('=')).find(([key]) => key === name)?.[1];
}

/**
 * The bull-board UI behind the `ops` role. A browser cannot send a bearer header, so
 * `/ops/queues?token=<jwt>` once stores the token in an HttpOnly cookie scoped to this path.
 */
export async function registerBullBoard(app: NestFastifyApplication, fail: (request: FastifyRequest, reply: FastifyReply, error: unknown) => void): Promise<void> {
  const registry = app.get(QueueRegistry);
  const verifier = app.get(JwtVerifier);
  const serverAdapter = new BullBoardFastifyAdapter();
  serverAdapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({ queues: QUEUE_NAMES.map((name) => new BullMQAdapter(registry.queue(name))), serverAdapter });

  await app.register(async (scope: FastifyInstance) => {
    scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const fromQuery = (request.query as Record<string, unknown>)?.['token'];
      const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
      const token = bearer ?? (typeof fromQuery === 'string' ? fromQuery : undefined) ?? cookie(request, TOKEN_COOKIE);
      try {
        if (!token) throw new AppError('unauthenticated', 'missing bearer token (or open /ops/queues?token=<ops token>)');
        const actor = await verifier.verify(token);
        if (!actor.roles.includes('ops')) throw new AppError('permission_denied', 'the queues UI needs the ops role');
        if (typeof fromQuery === 'string') reply.header('set-cookie', `${TOKEN_COOKIE}=${fromQuery}; Path=${BULL_BOARD_PATH}; HttpOnly; SameSite=Strict`);
      } catch (error) {
        fail(request, reply, error);
        return reply;
      }
    });
    await scope.register(serverAdapter.registerPlugin() as never, { prefix: BULL_BOARD_PATH });
  });
}

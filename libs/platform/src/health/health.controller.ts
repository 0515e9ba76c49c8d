import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/access-metadata';
import { HealthRegistry } from './health-registry';

@Public()
@Controller()
export class HealthController {
  constructor(private readonly health: HealthRegistry) {}

  /** Liveness: the process runs its event loop. */
  @Get('healthz')
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: every dependency this service needs answers. */
  @Get('readyz')
  async readyz(@Res() reply: FastifyReply): Promise<void> {
    const report = await this.health.readiness();
    await reply.status(report.ready ? 200 : 503).send({ status: report.ready ? 'ready' : 'not-ready', checks: report.checks });
  }
}

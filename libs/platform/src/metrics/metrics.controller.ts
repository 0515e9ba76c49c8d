import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RequireRoles } from '../auth/access-metadata';
import { MetricsRegistry } from './metrics-registry';

// Behind the gateway's guard this needs the ops role; worker services expose it on their
// internal port only.
@RequireRoles('ops')
@Controller()
export class MetricsController {
  constructor(private readonly metrics: MetricsRegistry) {}

  @Get('metrics')
  async scrape(@Res() reply: FastifyReply): Promise<void> {
    await reply.header('content-type', this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}

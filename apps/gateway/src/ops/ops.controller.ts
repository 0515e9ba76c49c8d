import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { RequireRoles } from '@clusterplane/platform';
import { parseInput } from '@clusterplane/contracts';
import { jobParams, limitQuery, queueParams } from './ops.schemas';
import { OrphanOperations } from './orphan-operations.service';
import { QueueOperations } from './queue-operations.service';

/** Operators' REST API (role `ops`); the bull-board UI is served at /ops/queues. */
@RequireRoles('ops')
@Controller('ops/api')
export class OpsController {
  constructor(
    private readonly queues: QueueOperations,
    private readonly orphans: OrphanOperations,
  ) {}

  @Get('queues')
  counts() {
    return this.queues.counts();
  }

  @Get('queues/:queue/failed')
  failed(@Param() params: unknown, @Query() query: unknown) {
    const { queue } = parseInput(queueParams, params, 'path');
    return this.queues.failed(queue, parseInput(limitQuery, query, 'query').limit);
  }

  @Post('queues/:queue/jobs/:jobId/retry')
  @HttpCode(202)
  retry(@Param() params: unknown) {
    const { queue, jobId } = parseInput(jobParams, params, 'path');
    return this.queues.retry(queue, jobId);
  }

  @Post('queues/:queue/replay')
  @HttpCode(202)
  replay(@Param() params: unknown, @Query() query: unknown) {
    const { queue } = parseInput(queueParams, params, 'path');
    return this.queues.replay(queue, parseInput(limitQuery, query, 'query').limit);
  }

  @Post('reconcile')
  @HttpCode(202)
  reconcile() {
    return this.queues.reconcileNow();
  }

  @Get('orphans')
  listOrphans(@Query() query: unknown) {
    return this.orphans.uncollected(parseInput(limitQuery, query, 'query').limit);
  }

  @Post('orphans/collect')
  @HttpCode(202)
  collectOrphans() {
    return this.orphans.collectNow();
  }
}

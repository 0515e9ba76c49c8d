import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { Logger } from 'pino';
import { MessagingModule } from '@clusterplane/messaging';
import { PersistenceModule } from '@clusterplane/persistence';
import { PlatformModule } from '@clusterplane/platform';
import { QueuesModule } from '@clusterplane/queues';
import { AgentCredentials } from './agent/agent-credentials.service';
import { StatusReportForwarder } from './agent/status-report-forwarder.service';
import { AuthGuard } from './auth/auth.guard';
import { JwtVerifier } from './auth/jwt-verifier.service';
import { DialectExceptionFilter } from './errors/dialect-exception.filter';
import { FireworksClustersController } from './fireworks/fireworks-clusters.controller';
import { FluidstackModule } from './fluidstack/fluidstack.module';
import type { GatewayConfig } from './gateway.config';
import { OpsController } from './ops/ops.controller';
import { OrphanOperations } from './ops/orphan-operations.service';
import { QueueOperations } from './ops/queue-operations.service';
import { OpenApiController } from './openapi/openapi.controller';
import { MutationRateLimiter } from './rate-limit/mutation-rate-limiter.service';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { RunaiClusterMetricsController } from './runai/runai-cluster-metrics.controller';
import { RunaiClusterMinimalController } from './runai/runai-cluster-minimal.controller';
import { RunaiClustersController } from './runai/runai-clusters.controller';
import { TruefoundryClustersController } from './truefoundry/truefoundry-clusters.controller';
import { TruefoundryTenantConfigController } from './truefoundry/truefoundry-tenant-config.controller';

@Module({})
export class GatewayModule {
  static create(config: GatewayConfig, logger: Logger): DynamicModule {
    return {
      module: GatewayModule,
      imports: [PlatformModule.forRoot(config, logger), PersistenceModule, MessagingModule.forRoot({ commandTimeoutMs: config.commandTimeoutMs }), QueuesModule, FluidstackModule],
      controllers: [RunaiClustersController, RunaiClusterMinimalController, RunaiClusterMetricsController, OpenApiController, OpsController, TruefoundryClustersController, TruefoundryTenantConfigController, FireworksClustersController],
      providers: [
        JwtVerifier,
        QueueOperations,
        OrphanOperations,
        AgentCredentials,
        StatusReportForwarder,
        MutationRateLimiter,
        // Guards run in this order: the rate limit counts only authenticated tenant requests.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_FILTER, useClass: DialectExceptionFilter },
      ],
    };
  }
}

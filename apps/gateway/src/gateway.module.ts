import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { Logger } from 'pino';
import { MessagingModule } from '@clusterplane/messaging';
import { PersistenceModule } from '@clusterplane/persistence';
import { PlatformModule } from '@clusterplane/platform';
import { AgentStatusController } from './agent/agent-status.controller';
import { AuthGuard } from './auth/auth.guard';
import { JwtVerifier } from './auth/jwt-verifier.service';
import { DialectExceptionFilter } from './errors/dialect-exception.filter';
import type { GatewayConfig } from './gateway.config';
import { RunaiClustersController } from './runai/runai-clusters.controller';

@Module({})
export class GatewayModule {
  static create(config: GatewayConfig, logger: Logger): DynamicModule {
    return {
      module: GatewayModule,
      imports: [PlatformModule.forRoot(config, logger), PersistenceModule, MessagingModule.forRoot({ commandTimeoutMs: config.commandTimeoutMs })],
      controllers: [RunaiClustersController, AgentStatusController],
      providers: [
        JwtVerifier,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: DialectExceptionFilter },
      ],
    };
  }
}

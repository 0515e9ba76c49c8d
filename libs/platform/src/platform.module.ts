import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import type { BaseConfig } from './config/base-config';
import { APP_CONFIG } from './config/config.tokens';
import { HealthController } from './health/health.controller';
import { HealthRegistry } from './health/health-registry';
import { LOGGER } from './logging/logger.tokens';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsRegistry } from './metrics/metrics-registry';

/** What every service has: its config, its logger, metrics, and health endpoints. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: BaseConfig, logger: Logger): DynamicModule {
    return {
      module: PlatformModule,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: MetricsRegistry, useValue: new MetricsRegistry(config.service) },
        HealthRegistry,
      ],
      exports: [APP_CONFIG, LOGGER, MetricsRegistry, HealthRegistry],
    };
  }
}

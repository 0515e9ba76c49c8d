import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { APP_CONFIG, type BaseConfig, HealthRegistry } from '@clusterplane/platform';
import { PrismaClient } from './generated/prisma/client';

/** The service's one Prisma client; its pool is sized for a 2-core machine by DB_POOL_SIZE. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(APP_CONFIG) config: BaseConfig, private readonly health: HealthRegistry) {
    super({ adapter: new PrismaPg({ connectionString: config.databaseUrl, max: config.dbPoolSize }) });
  }

  async onModuleInit(): Promise<void> {
    await this.$connect();
    this.health.register({ name: 'postgres', check: async () => void (await this.$queryRaw`SELECT 1`) });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}

export type TransactionClient = Parameters<Parameters<PrismaService['$transaction']>[0]>[0];

import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { APP_CONFIG, type BaseConfig, HealthRegistry } from '@clusterplane/platform';
import { PrismaClient } from './generated/prisma/client';

const TRANSACTION_MAX_WAIT_MS = 10_000;
const TRANSACTION_TIMEOUT_MS = 15_000;

/**
 * The service's one Prisma client over one `pg` pool, sized for a 2-core machine by
 * DB_POOL_SIZE. The pool is also open to the hottest reads (see LeanSql), which skip Prisma's
 * per-query work but share its connections.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnApplicationShutdown {
  readonly pool: Pool;

  constructor(@Inject(APP_CONFIG) config: BaseConfig, private readonly health: HealthRegistry) {
    const pool = new Pool({ connectionString: config.databaseUrl, max: config.dbPoolSize });
    // Under a burst a transaction waits for a pool connection, and for row locks other
    // transactions hold, rather than failing after Prisma's 2 s and 5 s: the caller's own
    // deadline (the gateway's command timeout) bounds the wait.
    super({ adapter: new PrismaPg(pool, { disposeExternalPool: true }), transactionOptions: { maxWait: TRANSACTION_MAX_WAIT_MS, timeout: TRANSACTION_TIMEOUT_MS } });
    this.pool = pool;
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

import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Pool, type QueryConfig, type QueryResultRow } from 'pg';
import { APP_CONFIG, type BaseConfig } from '@clusterplane/platform';

/** The simulated provider stands in for a remote API: two connections are plenty. */
const LEDGER_CONNECTIONS = 2;

/**
 * The simulated provider's own connections to its ledger of effects. A real provider is a
 * remote API the services call while holding a transaction (a forced delete lists the
 * cluster's resources under its row lock), so its stand-in must not borrow from the service's
 * pool: a burst of such transactions would hold every connection and wait for one more.
 */
@Injectable()
export class SimulatedProviderLedger implements OnApplicationShutdown {
  private readonly pool: Pool;

  constructor(@Inject(APP_CONFIG) config: BaseConfig) {
    this.pool = new Pool({ connectionString: config.databaseUrl, max: LEDGER_CONNECTIONS });
  }

  async query<Row extends QueryResultRow>(query: QueryConfig): Promise<Row[]> {
    return (await this.pool.query<Row>(query)).rows;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

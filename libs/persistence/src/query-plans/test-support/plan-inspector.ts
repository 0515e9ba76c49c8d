import { Client, type QueryConfig } from 'pg';

/** A statement as it reached Postgres: Prisma's SQL or a lean read's. */
export interface RecordedQuery {
  text: string;
  values: unknown[];
}

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** Transaction control and probes carry no plan worth keeping. */
const NOT_PLANNED = /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|SET|SELECT 1\b)/i;

/**
 * Records every statement any `pg` client of this process sends (Prisma's adapter and the lean
 * reads both end in Client.prototype.query), so a test sees the SQL the API really runs.
 */
export class QueryRecorder {
  private recorded: RecordedQuery[] | null = null;
  private readonly original = Client.prototype.query;

  install(): void {
    const record = (args: unknown[]): void => this.record(args);
    const original = this.original;
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      record(args);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof Client.prototype.query;
  }

  /** `query(text, values)` or `query({text, values})`, as pg takes them. */
  private record([first, second]: unknown[]): void {
    const text = typeof first === 'string' ? first : (first as QueryConfig | undefined)?.text;
    const values = typeof first === 'string' ? second : (first as QueryConfig | undefined)?.values;
    if (this.recorded && text && !NOT_PLANNED.test(text)) this.recorded.push({ text, values: Array.isArray(values) ? values : [] });
  }

  uninstall(): void {
    Client.prototype.query = this.original;
  }

  /** The statements `work` sent. */
  async during(work: () => Promise<unknown>): Promise<RecordedQuery[]> {
    this.recorded = [];
    try {
      await work();
      return this.recorded;
    } finally {
      this.recorded = null;
    }
  }
}

/** The plan Postgres would run for the statement, with the same parameters (nothing is executed). */
export async function explain(client: Client, query: RecordedQuery): Promise<PlanNode> {
  const { rows } = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (FORMAT JSON) ${query.text}`, query.values);
  return rows[0]!['QUERY PLAN'][0]!.Plan;
}

export function planNodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(planNodes)];
}

/** Tables scanned whole: a Seq Scan node's relation. */
export function seqScannedTables(plan: PlanNode): string[] {
  return planNodes(plan).filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']!);
}

/** One line per plan: the access path of each table, e.g. `Index Scan clusters_pkey`. */
export function planShape(plan: PlanNode): string {
  const access = planNodes(plan)
    .filter((n) => n['Relation Name'] || n['Index Name'])
    .map((n) => `${n['Node Type']} ${n['Index Name'] ?? n['Relation Name']}`);
  return [...new Set(access)].join(', ');
}

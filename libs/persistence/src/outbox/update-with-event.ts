import { Prisma } from '../generated/prisma/client';
import type { PrismaService } from '../prisma.service';
import { insertOutboxEvent, type OutboxEventInput } from './outbox-writer';

export interface UpdateWithEvent {
  /** A guarded `UPDATE … RETURNING …`: the change takes effect if it returns a row. */
  update: Prisma.Sql;
  event: OutboxEventInput;
  /** More writes that take effect with it, reading the updated row(s) from `changed`. */
  alongside?: Prisma.Sql;
}

/**
 * A guarded change, the writes that go with it and the event announcing it, as one statement:
 * one round trip instead of a transaction's four or more, and still all or nothing. The event
 * is written only if the update took effect. Returns whether it did. Being one statement it
 * needs no transaction, so it goes straight to the pool, without Prisma's per-query work.
 */
export async function updateWithEvent(prisma: PrismaService, { update, event, alongside }: UpdateWithEvent): Promise<boolean> {
  const statement = Prisma.sql`
    WITH changed AS (${update}),
    ${alongside ? Prisma.sql`alongside AS (${alongside}),` : Prisma.empty}
    announced AS (${insertOutboxEvent(event, Prisma.sql`(SELECT 1 FROM changed LIMIT 1) AS once`)})
    SELECT count(*)::int AS changed FROM changed`;
  const { rows } = await prisma.pool.query<{ changed: number }>(statement.text, statement.values);
  return (rows[0]?.changed ?? 0) > 0;
}

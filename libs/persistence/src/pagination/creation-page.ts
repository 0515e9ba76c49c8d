/**
 * A keyset page over `(created_at, id)`: stable under concurrent inserts and served by the
 * `(<scope>, created_at, id)` indexes, unlike OFFSET. `after` is the last row of the previous page.
 */
export interface CreationPage {
  after?: { createdAt: Date; id: string };
  limit?: number;
}

export function creationPageArgs(page: CreationPage = {}) {
  const after = page.after;
  return {
    where: after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {},
    orderBy: [{ createdAt: 'asc' as const }, { id: 'asc' as const }],
    ...(page.limit === undefined ? {} : { take: page.limit }),
  };
}

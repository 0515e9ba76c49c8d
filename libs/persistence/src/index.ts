export * from './prisma.service';
export * from './persistence.module';
export * from './clusters/cluster-view.mapper';
export * from './clusters/cluster-read.repository';
export * from './outbox/outbox-writer';
export * from './steps/step-checkpoints';
export { Prisma } from './generated/prisma/client';
export type { Cluster, OutboxEvent } from './generated/prisma/client';

import type { Filesystem } from '@clusterplane/persistence';

/** Seed 004's filesystem. */
export function toFluidstackFilesystem(filesystem: Filesystem): Record<string, unknown> {
  return { id: filesystem.id, name: filesystem.name, size: filesystem.size };
}

import type { Project } from '@clusterplane/persistence';

/** Seed 004's project. */
export function toFluidstackProject(project: Project): Record<string, unknown> {
  return { id: project.id, name: project.name, state: project.state, tags: project.tags };
}

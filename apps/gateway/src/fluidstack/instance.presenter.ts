import type { InstanceRecord } from '@clusterplane/persistence';

const IMAGE_SCHEME = 'image://';

/** Seed 004's instance: the image without its `image://` scheme, states spelled as on the wire. */
export function toFluidstackInstance(instance: InstanceRecord): Record<string, unknown> {
  return {
    id: instance.id,
    name: instance.name,
    type: instance.type,
    ip: instance.ip,
    state: instance.state === 'out_of_stock' ? 'out-of-stock' : instance.state,
    image: instance.image.startsWith(IMAGE_SCHEME) ? instance.image.slice(IMAGE_SCHEME.length) : instance.image,
    preemptible: instance.preemptible,
    ephemeral: instance.ephemeral,
    userData: instance.userData,
    filesystems: instance.filesystemIds,
    tags: instance.tags,
  };
}

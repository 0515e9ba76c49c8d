export * from './cluster/cluster-name';
export * from './cluster/agent-version';
export * from './cluster/delete-mode';
export * from './cluster/finalizers';
export * from './status/derive-state';
export * from './status/merge-conditions';
export * from './credentials/client-secret';

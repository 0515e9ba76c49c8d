export * from './queue-settings.constant';
export * from './redis-connection';
export * from './job-handler';
export * from './queue-registry.service';
export * from './worker-host.service';
export * from './queues.module';
export * from './reconciler';

export * from './worker-service.module';

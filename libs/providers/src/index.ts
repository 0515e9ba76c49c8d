export * from './cluster-provider';
export * from './simulated-provider.settings';
export * from './simulated.provider';
export * from './providers.module';

import { Global, Module } from '@nestjs/common';
import { loadConfig } from '@clusterplane/platform';
import { CLUSTER_PROVIDER } from './cluster-provider';
import { SimulatedProvider } from './simulated.provider';
import { SIMULATED_PROVIDER_SETTINGS, simulatedProviderEnvSchema } from './simulated-provider.settings';

@Global()
@Module({
  providers: [
    {
      provide: SIMULATED_PROVIDER_SETTINGS,
      useFactory: () => ({ latencyMs: loadConfig('simulated-provider', simulatedProviderEnvSchema).SIM_PROVIDER_LATENCY_MS }),
    },
    SimulatedProvider,
    { provide: CLUSTER_PROVIDER, useExisting: SimulatedProvider },
  ],
  exports: [CLUSTER_PROVIDER, SimulatedProvider],
})
export class ProvidersModule {}

import { Global, Module } from '@nestjs/common';
import { loadConfig } from '@clusterplane/platform';
import { CLUSTER_PROVIDER } from './cluster-provider';
import { NodeRetirement } from './node-retirement';
import { ProvisioningFence } from './provisioning-fence';
import { SimulatedProviderLedger } from './simulated-provider.ledger';
import { SimulatedProvider } from './simulated.provider';
import { SIMULATED_PROVIDER_SETTINGS, simulatedProviderEnvSchema, toSimulatedProviderSettings } from './simulated-provider.settings';

@Global()
@Module({
  providers: [
    {
      provide: SIMULATED_PROVIDER_SETTINGS,
      useFactory: () => toSimulatedProviderSettings(loadConfig('simulated-provider', simulatedProviderEnvSchema)),
    },
    SimulatedProviderLedger,
    SimulatedProvider,
    { provide: CLUSTER_PROVIDER, useExisting: SimulatedProvider },
    ProvisioningFence,
    NodeRetirement,
  ],
  exports: [CLUSTER_PROVIDER, SimulatedProvider, ProvisioningFence, NodeRetirement],
})
export class ProvidersModule {}

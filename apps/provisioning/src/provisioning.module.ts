import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import type { BaseConfig } from '@clusterplane/platform';
import { workerServiceModule } from '@clusterplane/service-kit';
import { ApplyClusterManifestHandler } from './clusters/apply-cluster-manifest.handler';
import { ClusterReadiness } from './clusters/cluster-readiness';
import { CreateClusterHandler } from './clusters/create-cluster.handler';
import { ProvisionClusterJob } from './clusters/provision-cluster.job';
import { ReadyCheckJob } from './clusters/ready-check.job';
import { ReconcileProvisioningJob } from './clusters/reconcile-provisioning.job';
import { RenameClusterHandler } from './clusters/rename-cluster.handler';
import { SpecChangeFollowUp } from './clusters/spec-change-follow-up';
import { TenantRegistry } from './clusters/tenant-registry';
import { UpdateClusterHandler } from './clusters/update-cluster.handler';
import { UpgradeClusterHandler } from './clusters/upgrade-cluster.handler';
import { UpgradeClusterJob } from './clusters/upgrade-cluster.job';
import { CreateFilesystemHandler } from './filesystems/create-filesystem.handler';
import { ProvisionFilesystemJob } from './filesystems/provision-filesystem.job';
import { CreateProjectHandler } from './projects/create-project.handler';
import { CreateSlurmUserHandler } from './slurm/create-slurm-user.handler';
import { DeleteSlurmUserHandler } from './slurm/delete-slurm-user.handler';
import { UpdateSlurmUserHandler } from './slurm/update-slurm-user.handler';
import { CreateTenantConfigHandler } from './tenants/create-tenant-config.handler';
import { DeleteTenantConfigHandler } from './tenants/delete-tenant-config.handler';

@Module({})
export class ProvisioningModule {
  static create(config: BaseConfig, logger: Logger): DynamicModule {
    return workerServiceModule({
      module: ProvisioningModule,
      config,
      logger,
      commandHandlers: [CreateClusterHandler, RenameClusterHandler, ApplyClusterManifestHandler, UpdateClusterHandler, CreateTenantConfigHandler, DeleteTenantConfigHandler,
        // Fluidstack (seed 004)
        CreateProjectHandler, CreateFilesystemHandler, UpgradeClusterHandler, CreateSlurmUserHandler, UpdateSlurmUserHandler, DeleteSlurmUserHandler],
      jobHandlers: [ProvisionClusterJob, ReadyCheckJob, ReconcileProvisioningJob, UpgradeClusterJob, ProvisionFilesystemJob],
      providers: [TenantRegistry, ClusterReadiness, SpecChangeFollowUp],
    });
  }
}

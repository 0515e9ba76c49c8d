import { Module } from '@nestjs/common';
import {
  FilesystemReadRepository,
  InstanceReadRepository,
  NodePoolReadRepository,
  ProjectClusterReadRepository,
  ProjectReadRepository,
  SlurmUserReadRepository,
} from '@clusterplane/persistence';
import { FluidstackFilesystemsController } from './filesystems.controller';
import { FluidstackInstancesController } from './instances.controller';
import { FluidstackKubernetesClustersController } from './kubernetes-clusters.controller';
import { FluidstackKubernetesNodePoolsController } from './kubernetes-node-pools.controller';
import { ProjectClusters } from './project-clusters.service';
import { ProjectScopeGuard } from './project-scope.guard';
import { FluidstackProjectsController } from './projects.controller';
import { FluidstackSlurmClustersController } from './slurm-clusters.controller';
import { FluidstackSlurmNodePoolsController } from './slurm-node-pools.controller';
import { FluidstackSlurmUsersController } from './slurm-users.controller';

/** The Fluidstack dialect (seed 004) under `/api/v1alpha1`. */
@Module({
  controllers: [
    FluidstackProjectsController,
    FluidstackInstancesController,
    FluidstackFilesystemsController,
    FluidstackKubernetesClustersController,
    FluidstackKubernetesNodePoolsController,
    FluidstackSlurmClustersController,
    FluidstackSlurmNodePoolsController,
    FluidstackSlurmUsersController,
  ],
  providers: [
    ProjectReadRepository,
    ProjectClusterReadRepository,
    InstanceReadRepository,
    FilesystemReadRepository,
    NodePoolReadRepository,
    SlurmUserReadRepository,
    ProjectClusters,
    ProjectScopeGuard,
  ],
})
export class FluidstackModule {}

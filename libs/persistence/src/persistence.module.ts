import { Global, Module } from '@nestjs/common';
import { ClusterListingRepository } from './clusters/cluster-listing.repository';
import { ClusterReadRepository } from './clusters/cluster-read.repository';
import { ClusterSearchRepository } from './clusters/cluster-search.repository';
import { ClusterMetricsReadRepository } from './metrics/cluster-metrics-read.repository';
import { PrismaService } from './prisma.service';
import { TenantConfigReadRepository } from './tenants/tenant-config-read.repository';

@Global()
@Module({
  providers: [PrismaService, ClusterReadRepository, ClusterSearchRepository, ClusterMetricsReadRepository, ClusterListingRepository, TenantConfigReadRepository],
  exports: [PrismaService, ClusterReadRepository, ClusterSearchRepository, ClusterMetricsReadRepository, ClusterListingRepository, TenantConfigReadRepository],
})
export class PersistenceModule {}

import { Global, Module } from '@nestjs/common';
import { ClusterReadRepository } from './clusters/cluster-read.repository';
import { PrismaService } from './prisma.service';

@Global()
@Module({
  providers: [PrismaService, ClusterReadRepository],
  exports: [PrismaService, ClusterReadRepository],
})
export class PersistenceModule {}

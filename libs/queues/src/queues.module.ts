import { Global, Module } from '@nestjs/common';
import { QueueRegistry } from './queue-registry.service';

/**
 * Producers for every service. A service that consumes jobs adds `WorkerHost` and a
 * JOB_HANDLERS provider to its own module.
 */
@Global()
@Module({ providers: [QueueRegistry], exports: [QueueRegistry] })
export class QueuesModule {}

import type { Logger } from 'pino';
import type { JobName } from '@clusterplane/contracts';
import type { BaseConfig, MetricsRegistry } from '@clusterplane/platform';
import type { JobHandler } from './job-handler';
import { WorkerHost } from './worker-host.service';

const handler = (job: JobName): JobHandler => ({ job, handle: jest.fn() });
const config = { service: 'test', redisUrl: 'redis://127.0.0.1:1', queuePrefix: '{test}', jobLockMs: 30_000 } as BaseConfig;
const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() } as unknown as Logger;
const metrics = { jobs: { inc: jest.fn() } } as unknown as MetricsRegistry;

const host = (handlers: JobHandler[]) => new WorkerHost(handlers, config, logger, metrics);

describe('WorkerHost start-up validation', () => {
  it('accepts one handler for every job on the queues it consumes', () => {
    expect(() => host([handler('cluster.finalize'), handler('orphans.collect')])).not.toThrow();
    expect(() => host([handler('status.sweep-liveness')])).not.toThrow();
    expect(() => host([])).not.toThrow();
  });

  it('rejects two handlers for the same job', () => {
    expect(() => host([handler('cluster.provision'), handler('cluster.provision')])).toThrow('two handlers registered for job cluster.provision');
  });

  it('names a job without a handler on a queue it consumes', () => {
    expect(() => host([handler('cluster.finalize')])).toThrow('jobs without a handler on queues this service consumes: orphans.collect');
    expect(() => host([handler('orphans.collect')])).toThrow(/: cluster\.finalize$/);
  });

  it('does not require handlers for jobs on queues it does not consume', () => {
    expect(() => host([handler('cluster.provision'), handler('status.sweep-liveness')])).not.toThrow();
  });
});

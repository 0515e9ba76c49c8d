import type { Logger } from 'pino';
import { JOB_QUEUES, type JobName, type QueueName } from '@clusterplane/contracts';
import type { BaseConfig, MetricsRegistry } from '@clusterplane/platform';
import type { JobHandler } from './job-handler';
import { WorkerHost } from './worker-host.service';

const handler = (job: JobName): JobHandler => ({ job, handle: jest.fn() });
const config = { service: 'test', redisUrl: 'redis://127.0.0.1:1', queuePrefix: '{test}', jobLockMs: 30_000 } as BaseConfig;
const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() } as unknown as Logger;
const metrics = { jobs: { inc: jest.fn() } } as unknown as MetricsRegistry;

const host = (handlers: JobHandler[]) => new WorkerHost(handlers, config, logger, metrics);
/** A handler for every job of a queue, whatever jobs that queue carries today. */
const queueHandlers = (queue: QueueName): JobHandler[] => (Object.keys(JOB_QUEUES) as JobName[]).filter((job) => JOB_QUEUES[job] === queue).map(handler);

describe('WorkerHost start-up validation', () => {
  it('accepts one handler for every job on the queues it consumes', () => {
    expect(() => host(queueHandlers('deletion'))).not.toThrow();
    expect(() => host(queueHandlers('status'))).not.toThrow();
    expect(() => host([])).not.toThrow();
  });

  it('rejects two handlers for the same job', () => {
    expect(() => host([handler('cluster.provision'), handler('cluster.provision')])).toThrow('two handlers registered for job cluster.provision');
  });

  it('names a job without a handler on a queue it consumes', () => {
    const allBut = (job: JobName) => queueHandlers('deletion').filter((h) => h.job !== job);
    expect(() => host(allBut('orphans.collect'))).toThrow('jobs without a handler on queues this service consumes: orphans.collect');
    expect(() => host(allBut('cluster.finalize'))).toThrow(/: cluster\.finalize$/);
  });

  it('does not require handlers for jobs on queues it does not consume', () => {
    expect(() => host([...queueHandlers('provisioning'), ...queueHandlers('status')])).not.toThrow();
  });
});

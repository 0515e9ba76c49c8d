import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One Prometheus registry per process, created once. Metric objects are created at start-up
 * and reused, so recording a sample is a map lookup, not an allocation.
 */
export class MetricsRegistry {
  readonly registry = new Registry();

  readonly httpRequests = new Histogram({
    name: 'clusterplane_http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly commands = new Histogram({
    name: 'clusterplane_command_duration_seconds',
    help: 'Command handling latency by command and outcome',
    labelNames: ['command', 'outcome'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [this.registry],
  });

  readonly jobs = new Counter({
    name: 'clusterplane_jobs_total',
    help: 'Jobs processed by queue, job name and outcome',
    labelNames: ['queue', 'job', 'outcome'],
    registers: [this.registry],
  });

  readonly outboxPublished = new Counter({
    name: 'clusterplane_outbox_published_total',
    help: 'Outbox events published to JetStream',
    registers: [this.registry],
  });

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }
}

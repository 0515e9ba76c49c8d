import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { distDir } from './repo-root';
import { waitFor } from './wait-for';

/** How long a service may take to answer /readyz; a machine shared by many test runs may need longer. */
const START_TIMEOUT_MS = Number(process.env['TEST_SERVICE_START_MS'] ?? 30_000);

export type ServiceName = 'gateway' | 'provisioning' | 'node-pool' | 'deletion' | 'status';

export const PORT_VARIABLE: Record<ServiceName, string> = {
  gateway: 'GATEWAY_PORT',
  provisioning: 'PROVISIONING_HTTP_PORT',
  'node-pool': 'NODE_POOL_HTTP_PORT',
  deletion: 'DELETION_HTTP_PORT',
  status: 'STATUS_HTTP_PORT',
};

/** One service running as its own process from the built dist/, as in production. */
export class ServiceProcess {
  private child?: ChildProcess;
  private exit?: Promise<number | null>;
  private starts = 0;

  constructor(
    readonly name: ServiceName,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly logDir: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get logFile(): string {
    return join(this.logDir, `${this.name}-${this.starts}.log`);
  }

  async start(): Promise<void> {
    const entry = join(distDir(), 'apps', this.name, 'src', 'main.js');
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
    this.starts++;
    mkdirSync(this.logDir, { recursive: true });
    const log = createWriteStream(this.logFile);
    const child = spawn(process.execPath, ['--enable-source-maps', entry], {
      env: { ...process.env, ...this.env, [PORT_VARIABLE[this.name]]: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    this.child = child;
    this.exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    await waitFor(`${this.name} to become ready (log: ${this.logFile})`, async () => {
      if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode}: ${this.tail()}`);
      const response = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(1_000) });
      return response.status === 200;
    }, { timeoutMs: START_TIMEOUT_MS, intervalMs: 100 });
  }

  /** kill -9: no shutdown hooks, no cleanup, exactly like a crash. */
  async crash(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exit;
  }

  /** Graceful stop (SIGTERM), as an orchestrator would do. */
  async stop(): Promise<number | null> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return this.child?.exitCode ?? null;
    this.child.kill('SIGTERM');
    return this.exit!;
  }

  tail(lines = 20): string {
    if (!existsSync(this.logFile)) return '';
    return readFileSync(this.logFile, 'utf8').trim().split('\n').slice(-lines).join('\n');
  }
}

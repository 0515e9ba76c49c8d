import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './wait-for';

function redisServerBinary(): string {
  const candidates = [process.env['REDIS_SERVER_BIN'], '/usr/bin/redis-server', '/usr/local/bin/redis-server'];
  const found = candidates.find((c) => c && existsSync(c));
  if (found) return found;
  const which = spawnSync('which', ['redis-server'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  throw new Error('redis-server binary not found (install the redis-server package or set REDIS_SERVER_BIN); fault tests need a Redis of their own');
}

/** A private, non-persistent Redis on a spare loopback port, for tests that flush or kill it. */
export class RedisServerProcess {
  private child?: ChildProcess;
  private readonly dir = mkdtempSync(join(tmpdir(), 'cp-redis-'));

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn(redisServerBinary(), ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir], { stdio: 'ignore' });
    await waitFor(`redis-server on port ${this.port}`, () => this.cli('PING').then((r) => r === 'PONG'), { timeoutMs: 10_000, intervalMs: 100 });
  }

  /** Sends one command with redis-cli-free RESP over a socket and returns the simple reply. */
  async cli(command: string): Promise<string> {
    const { createConnection } = await import('node:net');
    return new Promise((resolve, reject) => {
      const socket = createConnection({ host: '127.0.0.1', port: this.port }, () => socket.write(`${command}\r\n`));
      socket.once('data', (data) => {
        socket.end();
        resolve(data.toString().replace(/^[+:]/, '').trim());
      });
      socket.once('error', reject);
    });
  }

  async dispose(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

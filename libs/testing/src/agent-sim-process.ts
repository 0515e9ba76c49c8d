import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { distDir } from './repo-root';
import { waitFor } from './wait-for';

export type AgentSimLine = Record<string, unknown> & { msg?: string; cluster?: string };

/**
 * agent-sim from the build, as a process of its own, with its JSON log lines collected so a
 * test can wait for what the simulated agents did (e.g. `uninstalled; agent stops`).
 */
export class AgentSimProcess {
  readonly lines: AgentSimLine[] = [];
  private output = '';
  private readonly child: ChildProcess;
  readonly exited: Promise<number | null>;

  private constructor(gatewayUrl: string, args: string[]) {
    const entry = join(distDir(), 'apps', 'agent-sim', 'src', 'main.js');
    this.child = spawn(process.execPath, [entry, '--gateway', gatewayUrl, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      this.output += `${line}\n`;
      try {
        this.lines.push(JSON.parse(line) as AgentSimLine);
      } catch {
        // not a log line
      }
    });
    this.child.stderr!.on('data', (chunk) => (this.output += chunk));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  static start(gatewayUrl: string, args: string[]): AgentSimProcess {
    return new AgentSimProcess(gatewayUrl, args);
  }

  /** Runs agent-sim to its end (e.g. `--reports N`) and fails unless it exits 0. */
  static async run(gatewayUrl: string, args: string[], timeoutMs = 30_000): Promise<AgentSimProcess> {
    const sim = AgentSimProcess.start(gatewayUrl, args);
    const code = await sim.exitWithin(timeoutMs);
    if (code !== 0) throw new Error(`agent-sim exited ${code}: ${sim.output}`);
    return sim;
  }

  async waitForLine(description: string, predicate: (line: AgentSimLine) => boolean, timeoutMs = 15_000): Promise<AgentSimLine> {
    return waitFor(`agent-sim to log ${description} (output so far: ${this.output.slice(-500)})`, () => this.lines.find(predicate), { timeoutMs });
  }

  async exitWithin(timeoutMs: number): Promise<number | null> {
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    await this.exited;
  }

  get log(): string {
    return this.output;
  }
}

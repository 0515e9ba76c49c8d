import { ConfigError } from '../config/load-config';

/** Entry-point wrapper: a configuration error prints its list and exits 1, without a stack. */
export function runMain(main: () => Promise<unknown>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(`fatal: ${(error as Error)?.stack ?? String(error)}\n`);
    }
    process.exit(1);
  });
}

import { z } from 'zod';

export class ConfigError extends Error {
  constructor(service: string, issues: string[]) {
    super(`${service}: invalid configuration\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once at start-up into a typed object. Any problem is reported all at
 * once, naming each variable, so a misconfigured service fails fast instead of at first use.
 */
export function loadConfig<S extends z.ZodType>(service: string, schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new ConfigError(service, issues);
}

/** Keys whose values never reach a log line, wherever they appear in a logged object. */
const SECRET_KEYS = [
  'authorization',
  'cookie',
  '["set-cookie"]',
  'clientSecret',
  'client_secret',
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'jwtSecret',
  'agentSecretKey',
  'pageTokenKey',
  'JWT_SECRET',
  'AGENT_SECRET_KEY',
  'PAGE_TOKEN_KEY',
];

/** pino paths have no "any depth" wildcard, so each key is listed at the depths we log. */
const MAX_DEPTH = 3;

export const REDACTED_PATHS: string[] = SECRET_KEYS.flatMap((key) =>
  Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => {
    const prefix = '*.'.repeat(depth);
    return key.startsWith('[') ? `${prefix.slice(0, -1)}${key}` || key : `${prefix}${key}`;
  }),
);

import { Writable } from 'node:stream';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('test', 'info', destination), lines };
}

describe('createLogger redaction', () => {
  it('redacts credentials at the top level and nested up to three levels deep', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        authorization: 'Bearer top-level-jwt',
        clientSecret: 'cs-top',
        req: { headers: { authorization: 'Bearer nested-jwt', cookie: 'cp_ops_token=cookie-jwt', 'set-cookie': 'cp_ops_token=set-jwt' } },
        body: { password: 'hunter2', token: 'body-token', nested: { secret: 's3', client_secret: 'cs-deep' } },
        config: { jwt: { secret: 'jwt-secret-value' }, agentSecretKey: 'agent-key-value', JWT_SECRET: 'env-jwt', AGENT_SECRET_KEY: 'env-agent' },
        name: 'visible-value',
      },
      'request',
    );
    const line = lines.join('');
    for (const secret of ['top-level-jwt', 'cs-top', 'nested-jwt', 'cookie-jwt', 'set-jwt', 'hunter2', 'body-token', 's3', 'cs-deep', 'jwt-secret-value', 'agent-key-value', 'env-jwt', 'env-agent']) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('visible-value');
    const parsed = JSON.parse(line);
    expect(parsed.authorization).toBe('[Redacted]');
    expect(parsed.req.headers.authorization).toBe('[Redacted]');
    expect(parsed.req.headers['set-cookie']).toBe('[Redacted]');
    expect(parsed.body.nested.secret).toBe('[Redacted]');
    expect(parsed.config.jwt.secret).toBe('[Redacted]');
  });

  it('leaves a line without credentials as it is', () => {
    const { logger, lines } = capture();
    logger.info({ clusterId: 'c-1', tokens: 3 }, 'plain');
    expect(JSON.parse(lines[0]!)).toMatchObject({ clusterId: 'c-1', tokens: 3, msg: 'plain', service: 'test' });
  });
});

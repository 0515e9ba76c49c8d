import { parseDuration, parseSimOptions } from './sim-options';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['10s', 10_000],
    ['1m', 60_000],
    ['3', 3_000],
    ['0', 0],
    [' 2s ', 2_000],
  ])('parses %j as %i ms', (raw, ms) => {
    expect(parseDuration(raw)).toBe(ms);
  });

  it.each(['', 'soon', '1h', '1.5s', '-1s', 's', '10 s', '10S'])('throws for %j', (raw) => {
    expect(() => parseDuration(raw)).toThrow(/not a duration/);
  });
});

describe('parseSimOptions', () => {
  const TOKEN = ['--token', 'jwt'];

  it('applies defaults', () => {
    expect(parseSimOptions([...TOKEN, '--clusters', '2'], {})).toEqual({
      gateway: 'http://127.0.0.1:3000',
      token: 'jwt',
      clusters: 2,
      existing: [],
      intervalMs: 10_000,
      version: '2.24',
      reports: undefined,
      clustersFile: undefined,
      durationMs: undefined,
      scenario: { kind: 'healthy' },
      concurrency: 64,
      nodePools: 2,
    });
  });

  it('reads the gateway and token from the environment', () => {
    const options = parseSimOptions(['--clusters', '1'], { GATEWAY_URL: 'http://gw:8080/', CLUSTERPLANE_TOKEN: 'env-jwt' });
    expect(options).toMatchObject({ gateway: 'http://gw:8080', token: 'env-jwt' });
  });

  it('lets flags win over the environment and parses every flag', () => {
    const options = parseSimOptions(
      [
        '--gateway', 'https://cp.example.com/', '--token', 'flag-jwt', '--cluster', 'a', '--cluster', 'b', '--interval', '500ms', '--version', '2.20.1', '--reports', '3',
        '--clusters-file', 'fleet.txt', '--duration', '2m', '--scenario', 'disconnect-after=30s', '--concurrency', '256', '--node-pools', '0',
      ],
      { GATEWAY_URL: 'http://ignored', CLUSTERPLANE_TOKEN: 'ignored' },
    );
    expect(options).toEqual({
      gateway: 'https://cp.example.com',
      token: 'flag-jwt',
      clusters: 0,
      existing: ['a', 'b'],
      intervalMs: 500,
      version: '2.20.1',
      reports: 3,
      clustersFile: 'fleet.txt',
      durationMs: 120_000,
      scenario: { kind: 'healthy', silentAfterMs: 30_000 },
      concurrency: 256,
      nodePools: 0,
    });
  });

  it('requires a token', () => {
    expect(() => parseSimOptions(['--clusters', '1'], {})).toThrow(/--token \(or CLUSTERPLANE_TOKEN\) is required/);
  });

  it('takes a clusters file without a token (its lines may carry the secrets)', () => {
    expect(parseSimOptions(['--clusters-file', 'fleet.txt'], {})).toMatchObject({ token: undefined, clusters: 0, clustersFile: 'fleet.txt' });
  });

  it.each([
    ['--scenario', 'sometimes', /unknown scenario: sometimes/],
    ['--scenario', 'disconnect-after=soon', /not a duration/],
    ['--concurrency', '0', /--concurrency must be a whole number of at least 1/],
    ['--node-pools', '-1', /--node-pools must be a whole number of at least 0/],
    ['--duration', 'forever', /not a duration/],
  ])('rejects %s %s', (flag, value, message) => {
    expect(() => parseSimOptions([...TOKEN, '--clusters', '1', `${flag}=${value}`], {})).toThrow(message);
  });

  it('requires --clusters N or at least one --cluster', () => {
    expect(() => parseSimOptions(TOKEN, {})).toThrow(/give --clusters N or at least one --cluster UUID/);
    expect(() => parseSimOptions([...TOKEN, '--clusters', '0'], {})).toThrow(/give --clusters N/);
  });

  it.each(['1.5', 'many', '-2'])('rejects --clusters=%s', (value) => {
    expect(() => parseSimOptions([...TOKEN, `--clusters=${value}`], {})).toThrow(/--clusters must be a whole number/);
  });

  it('rejects a bad interval', () => {
    expect(() => parseSimOptions([...TOKEN, '--clusters', '1', '--interval', 'often'], {})).toThrow(/not a duration/);
  });

  it('throws the usage for --help and rejects unknown flags', () => {
    expect(() => parseSimOptions(['--help'], {})).toThrow(/^usage: agent-sim/);
    expect(() => parseSimOptions([...TOKEN, '--clusters', '1', '--bogus'], {})).toThrow();
  });
});

describe('parseSimOptions --reports', () => {
  it.each(['abc', '0', '1.5'])('refuses --reports %j', (reports) => {
    expect(() => parseSimOptions(['--token', 'jwt', '--clusters', '1', '--reports', reports], {})).toThrow(/--reports must be a whole number/);
  });

  it('accepts a positive count', () => {
    expect(parseSimOptions(['--token', 'jwt', '--clusters', '1', '--reports', '3'], {}).reports).toBe(3);
  });
});

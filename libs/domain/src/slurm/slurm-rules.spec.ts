import { SLURM_VERSION_PATTERN, slurmUsernameProblem } from './slurm-rules';

describe('slurmUsernameProblem', () => {
  it.each(['user01', '_svc', 'a', 'jane-doe', 'x'.repeat(32)])('accepts %j', (name) => {
    expect(slurmUsernameProblem(name)).toBeNull();
  });

  it.each(['', 'User01', '1user', '-user', 'jane.doe', 'a b', 'x'.repeat(33)])('refuses %j', (name) => {
    expect(slurmUsernameProblem(name)).toMatch(/^must be 1-32 characters/);
  });

  it.each(['root', 'slurm', 'munge'])('refuses the system account %s', (name) => {
    expect(slurmUsernameProblem(name)).toBe(`'${name}' is reserved for the system`);
  });
});

describe('SLURM_VERSION_PATTERN', () => {
  it.each(['24.05.6', '23.11', '24.05.10'])('matches %s', (version) => {
    expect(SLURM_VERSION_PATTERN.test(version)).toBe(true);
  });

  it.each(['24', '24.5', 'v24.05.6', '24.05.6.1', ''])('does not match %j', (version) => {
    expect(SLURM_VERSION_PATTERN.test(version)).toBe(false);
  });
});

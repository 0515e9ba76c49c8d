import { INSTANCE_STATES, powerSteps, powerTransition, type InstanceState } from './instance-transitions';

describe('powerTransition', () => {
  it('stops a running instance through stopping', () => {
    expect(powerTransition('running', 'stop')).toEqual({ during: 'stopping', after: 'stopped' });
  });

  it('starts a stopped instance through starting', () => {
    expect(powerTransition('stopped', 'start')).toEqual({ during: 'starting', after: 'running' });
  });

  const others = (allowed: InstanceState) => INSTANCE_STATES.filter((s) => s !== allowed);

  it.each(others('running'))('refuses to stop an instance that is %s', (state) => {
    expect(powerTransition(state, 'stop')).toBeNull();
  });

  it.each(others('stopped'))('refuses to start an instance that is %s', (state) => {
    expect(powerTransition(state, 'start')).toBeNull();
  });
});

describe('powerSteps', () => {
  it('names where each action starts, passes and ends', () => {
    expect(powerSteps('stop')).toEqual({ from: 'running', during: 'stopping', after: 'stopped' });
    expect(powerSteps('start')).toEqual({ from: 'stopped', during: 'starting', after: 'running' });
  });
});

/** Instance states (SPEC section 2); `out-of-stock` is how the wire spells it. */
export const INSTANCE_STATES = ['creating', 'starting', 'running', 'stopping', 'stopped', 'deleting', 'out-of-stock', 'error'] as const;
export type InstanceState = (typeof INSTANCE_STATES)[number];

export type PowerAction = 'start' | 'stop';

export interface PowerTransition {
  /** The state the instance shows while the provider works. */
  during: 'starting' | 'stopping';
  /** The state it settles in once the provider is done. */
  after: 'running' | 'stopped';
}

export interface PowerSteps extends PowerTransition {
  /** The only state the action is allowed from. */
  from: 'running' | 'stopped';
}

const TRANSITIONS: Record<PowerAction, PowerSteps> = {
  stop: { from: 'running', during: 'stopping', after: 'stopped' },
  start: { from: 'stopped', during: 'starting', after: 'running' },
};

export function powerSteps(action: PowerAction): PowerSteps {
  return TRANSITIONS[action];
}

/**
 * SPEC section 4: stop takes running → stopping → stopped, start takes stopped → starting →
 * running; from any other state the action is refused (null, a 409).
 */
export function powerTransition(state: InstanceState, action: PowerAction): PowerTransition | null {
  const rule = TRANSITIONS[action];
  return state === rule.from ? { during: rule.during, after: rule.after } : null;
}

import { fireworksStateOf, fireworksStateSelector } from './fireworks-state';

describe('fireworksStateOf', () => {
  it.each([
    ['Pending', 'CREATING'],
    ['Provisioning', 'CREATING'],
    ['Ready', 'READY'],
    ['Updating', 'READY'],
    ['Failed', 'FAILED'],
    ['Deleting', 'DELETING'],
  ] as const)('maps %s to %s', (phase, state) => {
    expect(fireworksStateOf({ phase, deleteRequestedAt: null })).toBe(state);
  });

  it('is DELETING once a delete was requested, whatever the phase', () => {
    expect(fireworksStateOf({ phase: 'Failed', deleteRequestedAt: '2025-01-01T00:00:00.000Z' })).toBe('DELETING');
    expect(fireworksStateOf({ phase: 'Provisioning', deleteRequestedAt: '2025-01-01T00:00:00.000Z' })).toBe('DELETING');
  });
});

describe('fireworksStateSelector', () => {
  it('selects by phase among clusters not being deleted', () => {
    expect(fireworksStateSelector('READY')).toEqual({ deleteRequested: false, phases: ['Ready', 'Updating'] });
    expect(fireworksStateSelector('CREATING')).toEqual({ deleteRequested: false, phases: ['Pending', 'Provisioning'] });
  });

  it('selects DELETING by the delete request alone', () => {
    expect(fireworksStateSelector('DELETING')).toEqual({ deleteRequested: true, phases: [] });
  });

  it('agrees with fireworksStateOf for every phase', () => {
    for (const phase of ['Pending', 'Provisioning', 'Ready', 'Updating', 'Failed'] as const) {
      const state = fireworksStateOf({ phase, deleteRequestedAt: null });
      expect(fireworksStateSelector(state).phases).toContain(phase);
    }
  });
});

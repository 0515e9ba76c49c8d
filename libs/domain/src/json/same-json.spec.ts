import { canonicalJson } from './canonical-json';
import { sameJson } from './same-json';

describe('sameJson', () => {
  it('makes reordered objects equal at every level and different arrays not', () => {
    expect(sameJson({ a: 1, b: { c: [1, { d: 'x', e: null }] } }, { b: { c: [1, { e: null, d: 'x' }] }, a: 1 })).toBe(true);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson([1, 2], [1, 2, 3])).toBe(false);
  });

  it('treats undefined as JSON.stringify writes it: null at the top and in arrays, absent in objects', () => {
    expect(sameJson(undefined, null)).toBe(true);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(sameJson([undefined], [null])).toBe(true);
  });

  it('tells apart a missing member, an extra member, a changed value and a changed type', () => {
    expect(sameJson({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson({ a: 1, b: 2 }, { a: 1, c: 2 })).toBe(false);
    expect(sameJson({ a: { ready: true } }, { a: { ready: false } })).toBe(false);
    expect(sameJson({ a: '1' }, { a: 1 })).toBe(false);
    expect(sameJson({ a: [] }, { a: {} })).toBe(false);
    expect(sameJson({ a: null }, { a: {} })).toBe(false);
    expect(sameJson({ a: null }, {})).toBe(false);
  });

  it('does not take a member from the prototype for a missing one', () => {
    expect(sameJson({ constructor: Object }, {})).toBe(false);
    expect(sameJson({}, { toString: Object.prototype.toString })).toBe(false);
  });

  it('compares a Date as the text JSON writes for it', () => {
    expect(sameJson({ at: new Date('2025-03-01T12:00:00Z') }, { at: '2025-03-01T12:00:00.000Z' })).toBe(true);
    expect(sameJson({ at: new Date('2025-03-01T12:00:00Z') }, { at: '2025-03-01T12:00:01.000Z' })).toBe(false);
  });

  it('agrees with comparing canonical JSON text on the values an agent reports', () => {
    const values = [
      { conditions: [{ type: 'Available', status: 'True', lastTransitionTime: '2025-03-01T12:00:00.000Z' }], operands: { scheduler: { ready: true } }, platform: null },
      { operands: { scheduler: { ready: true } }, conditions: [{ status: 'True', type: 'Available', lastTransitionTime: '2025-03-01T12:00:00.000Z' }], platform: null },
      { conditions: [{ type: 'Available', status: 'False', lastTransitionTime: '2025-03-01T12:00:00.000Z' }], operands: { scheduler: { ready: true } }, platform: null },
      { conditions: [], operands: {}, platform: { type: 'vanilla' } },
      [1.5, 'a', true, null],
      'text',
      0,
    ];
    for (const a of values) for (const b of values) expect(sameJson(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
  });
});

import { isUniqueViolation } from './unique-violation';

describe('isUniqueViolation', () => {
  it.each([
    ['a Prisma model call (P2002)', { code: 'P2002' }],
    ['a plain pg query (23505)', { code: '23505' }],
    ['a raw query through the driver adapter (P2010 over 23505)', { code: 'P2010', meta: { driverAdapterError: { cause: { originalCode: '23505' } } } }],
  ])('recognises %s', (_, error) => expect(isUniqueViolation(error)).toBe(true));

  it.each([
    ['another raw-query failure', { code: 'P2010', meta: { driverAdapterError: { cause: { originalCode: '23503' } } } }],
    ['a foreign-key violation', { code: '23503' }],
    ['a plain error', new Error('boom')],
    ['nothing', undefined],
  ])('does not take %s for one', (_, error) => expect(isUniqueViolation(error)).toBe(false));
});

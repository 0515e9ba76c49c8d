import { isDatabaseBusy } from './database-busy';

describe('isDatabaseBusy', () => {
  it.each([
    [{ code: 'P2028', message: 'Transaction API error: Unable to start a transaction in the given time.' }, true],
    [{ code: 'P2024', message: 'Timed out fetching a new connection from the connection pool.' }, true],
    [{ code: 'P2002', message: 'Unique constraint failed' }, false],
    [new Error('boom'), false],
    [null, false],
  ])('%j → %s', (error, busy) => {
    expect(isDatabaseBusy(error)).toBe(busy);
  });
});

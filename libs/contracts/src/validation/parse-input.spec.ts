import { z } from 'zod';
import { AppError } from '../errors/app-error';
import { parseInput } from './parse-input';

const update = z.object({ version: z.string().optional() });

describe('parseInput', () => {
  it('reads a request without a body as an empty object', () => {
    expect(parseInput(update, undefined, 'body')).toEqual({});
  });

  it('refuses a JSON null where an object is expected, naming the body', () => {
    expect(() => parseInput(update, null, 'body')).toThrow(AppError);
    expect(() => parseInput(update, null, 'body')).toThrow(/invalid body: body: .*object/);
  });

  it('names every failing field', () => {
    expect(() => parseInput(z.object({ name: z.string(), count: z.number() }), { count: 'x' }, 'body')).toThrow(/name: .*; count: /);
  });
});

import { AppError, parseInput } from '@clusterplane/contracts';
import { clusterMetricsQuery, listMinimalQuery, renameClusterBody } from './runai.schemas';

const rejected = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a 400');
};

const metrics = (query: Record<string, unknown>) =>
  parseInput(clusterMetricsQuery, { start: '2025-03-01T12:00:00Z', end: '2025-03-01T13:00:00Z', metricType: 'TOTAL_GPU', ...query }, 'query');

describe('Run:ai query and body schemas', () => {
  describe('listMinimalQuery', () => {
    it('defaults to offset 0 and limit 50 with no filter', () => {
      expect(parseInput(listMinimalQuery, {}, 'query')).toEqual({ filterBy: [], offset: 0, limit: 50 });
    });

    it.each([
      [{ limit: '0' }, 'limit: must be at least 1'],
      [{ limit: '501' }, 'limit: must be at most 500'],
      [{ limit: '1.5' }, 'limit: must be a whole number'],
      [{ offset: '-1' }, 'offset: must be a whole number'],
      [{ offset: '2147483648' }, 'offset: must be at most 2147483647'],
      [{ filterBy: 'colour==red' }, "filterBy: 'colour==red': unknown field 'colour'"],
    ])('rejects %j', (query, message) => {
      expect(rejected(() => parseInput(listMinimalQuery, query, 'query')).message).toContain(message);
    });

    it('parses filter terms, repeated or comma-joined', () => {
      expect(parseInput(listMinimalQuery, { filterBy: ['name==a', 'state==Connected,version>=2.20'] }, 'query').filterBy).toHaveLength(3);
    });
  });

  describe('clusterMetricsQuery', () => {
    it('defaults to 20 samples and takes a comma list of types, once each', () => {
      expect(metrics({ metricType: 'TOTAL_GPU,GPU_UTILIZATION,TOTAL_GPU' })).toMatchObject({ numberOfSamples: 20, metricType: ['TOTAL_GPU', 'GPU_UTILIZATION'] });
      expect(metrics({ metricType: ['TOTAL_GPU', 'ALLOCATED_GPU'] }).metricType).toEqual(['TOTAL_GPU', 'ALLOCATED_GPU']);
    });

    it.each([
      [{ metricType: undefined }, 'metricType: is required'],
      [{ metricType: 'GPU_TEMPERATURE' }, 'metricType.0: must be one of'],
      [{ start: undefined }, 'start: is required'],
      [{ start: 'yesterday' }, 'start: must be an ISO 8601 date-time'],
      [{ end: '2025-03-01T12:00:00Z' }, 'end: must be after start'],
      [{ numberOfSamples: '1001' }, 'numberOfSamples: must be at most 1000'],
      [{ groupBy: 'Category' }, 'groupBy: Category is not available for cluster metrics'],
      [{ groupBy: 'Rack' }, 'groupBy: must be one of Category, Nodepool, Project, Department'],
    ])('rejects %j', (query, message) => {
      expect(rejected(() => metrics(query)).message).toContain(message);
    });

    it('accepts 0 and 1000 samples and the Nodepool grouping', () => {
      expect(metrics({ numberOfSamples: '0', groupBy: 'Nodepool', nodepoolName: 'a' })).toMatchObject({ numberOfSamples: 0, groupBy: 'Nodepool', nodepoolName: 'a' });
      expect(metrics({ numberOfSamples: '1000' }).numberOfSamples).toBe(1000);
    });
  });

  describe('renameClusterBody', () => {
    it('requires a name of at most 253 characters and drops other fields', () => {
      expect(parseInput(renameClusterBody, { name: 'b', uuid: 'x' }, 'body')).toEqual({ name: 'b' });
      expect(rejected(() => parseInput(renameClusterBody, {}, 'body')).message).toBe('invalid body: name: is required');
      expect(rejected(() => parseInput(renameClusterBody, { name: 'a'.repeat(254) }, 'body')).details).toEqual([{ field: 'name', message: 'Too big: expected string to have <=253 characters' }]);
    });
  });
});

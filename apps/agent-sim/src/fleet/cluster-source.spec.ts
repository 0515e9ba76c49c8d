import { parseClustersFile } from './cluster-source';

const A = '3f2b8c1e-0000-4000-8000-000000000001';
const B = '3f2b8c1e-0000-4000-8000-000000000002';

describe('parseClustersFile', () => {
  it('reads uuids with and without secrets, skipping blank lines and comments', () => {
    const text = `# fleet\n${A} s3cret\n\n  ${B}   # no secret: read from install info\n`;
    expect(parseClustersFile(text)).toEqual([
      { clusterId: A, secret: 's3cret' },
      { clusterId: B, secret: undefined },
    ]);
  });

  it.each(['not-a-uuid', `${A} secret extra`])('rejects the line %j', (line) => {
    expect(() => parseClustersFile(line)).toThrow(/expected "<uuid> \[clientSecret\]"/);
  });
});

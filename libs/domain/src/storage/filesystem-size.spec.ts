import { filesystemSizeProblem, parseFilesystemSize } from './filesystem-size';

describe('parseFilesystemSize', () => {
  it.each([
    ['512Gi', 512],
    ['1Gi', 1],
    ['2Ti', 2048],
  ])('reads %s as %i Gi', (text, gi) => {
    expect(parseFilesystemSize(text)).toBe(gi);
  });

  it.each(['512', '512GB', '512gi', '0Gi', '0512Gi', '1.5Ti', ' 512Gi', '512Gi ', '-1Gi', 'Gi', '512Mi', ''])('refuses %j', (text) => {
    expect(parseFilesystemSize(text)).toBeNull();
  });
});

describe('filesystemSizeProblem', () => {
  it('accepts the seed example and the upper bound', () => {
    expect(filesystemSizeProblem('512Gi')).toBeNull();
    expect(filesystemSizeProblem('1024Ti')).toBeNull();
  });

  it('names the expected form of a malformed size', () => {
    expect(filesystemSizeProblem('512GB')).toBe('must be a whole number of Gi or Ti, such as 512Gi or 2Ti');
  });

  it('refuses a size above 1024Ti', () => {
    expect(filesystemSizeProblem('1025Ti')).toBe('must be between 1Gi and 1024Ti');
    expect(filesystemSizeProblem('1048577Gi')).toBe('must be between 1Gi and 1024Ti');
  });
});

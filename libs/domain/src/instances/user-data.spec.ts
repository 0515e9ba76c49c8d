import { USER_DATA_MAX_BYTES, userDataProblem } from './user-data';

describe('userDataProblem', () => {
  it('accepts the seed example, trailing line break included', () => {
    expect(userDataProblem('I2Nsb3VkLWNvbmZpZwpwYWNrYWdlczoKICAtIG5naW54\n')).toBeNull();
  });

  it.each(['QQ==', 'QUI=', 'QUJD', 'QUJD\nREVG', 'QUJD\r\nREVG\n'])('accepts %j', (text) => {
    expect(userDataProblem(text)).toBeNull();
  });

  it.each(['#cloud-config', 'QQ', 'QQ=', 'Q===', 'QU JD', 'QUJD_-', 'QR==', '=QUJ'])('refuses %j', (text) => {
    expect(userDataProblem(text)).toBe('must be base64 (standard alphabet, padded)');
  });

  it('refuses an empty string (null means no user data)', () => {
    expect(userDataProblem('')).toBe('must not be empty; send null for no user data');
    expect(userDataProblem('\n')).toBe('must not be empty; send null for no user data');
  });

  it('refuses user data that decodes to more than 64 KiB', () => {
    expect(userDataProblem(Buffer.alloc(USER_DATA_MAX_BYTES).toString('base64'))).toBeNull();
    expect(userDataProblem(Buffer.alloc(USER_DATA_MAX_BYTES + 1).toString('base64'))).toBe('must decode to at most 64 KiB');
  });
});

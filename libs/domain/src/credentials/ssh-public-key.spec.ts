import { sshPublicKeyProblem } from './ssh-public-key';

// Generated with ssh-keygen; only public halves.
const KEYS = {
  seed: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEaSkijEWFbnjixzWRw3u2spZZaeVeWO5/ymySevCvXh',
  ed25519: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGHjGGm+zeHVzkSaDgpBgYjWvG1o3wuXlSuFPRU0b+DS user@ed25519',
  rsa2048:
    'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCeVlG/abazMJq9qQ9yIFELA3X2hgQtgsBS6g/bdussmpleA2Mg1aIeBV53MgrIKVfAQWwH3re0XYMFuol1+/nYHsgdFV5uzOevz3hAtk20nTXTaU5Qq2R0nqKTwgNFpH9makoIsC/WK6nKZa2Hu2SgXb6QmxduMDihJaj1gqNblIOXB8HhEsshoYbgCWzNpJq1nmzqGQZLStL6/XenYdNZXmikxQ99LYRo/TLSwLJHXLDYeg0sTsgDKlpEVUCNYNb6Dvz8pstYRIap7axrIcf9fibtedOKzR/vRF8Dz+0elKzHXh2lLE6O9SXWoXW5NKeXbkigMoxFXaJ5cPQSaee5 user@rsa',
  nistp256: 'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEyFN0ukuzLeKLnxPK9SuvnagR/VtsbMk8Q1avt8YongN1HKv5Jl77TWFxUMmJ3QndKzQ3+XMYOM4uytt8xSvFo= user@p256',
  nistp384:
    'ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBMifzX7cWzoMPC+mBteOWUG+6CUx4KsLOe5h0F1t9pmttKBtMJg4tTBZyev70wP5TNWWA+VVcIiQqi9ec/rf6a3W3tKVzJn5b4B1/2IWb3xVFevjnK/zD7uKUa6+j9455A==',
  nistp521:
    'ecdsa-sha2-nistp521 AAAAE2VjZHNhLXNoYTItbmlzdHA1MjEAAAAIbmlzdHA1MjEAAACFBAFvpQBi8RjEajNYD9v8LTh3g18kpgNKj3F4qWp0xtcojubhhZY1IBUJRUvNEEuw7gDUxeb7HNpto8RLBqZHgL7TdQDpMAE/j/Dk2Rd7TLMhWGHTRrgYRAbK77hmVWgwoipc80Y7P2GZOvRpWxebs+H5X0AHTdR+D5plYj0PgXWTt+gyAg==',
  rsa1024:
    'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDWimslpa3Tz11TLgsB8ieJStndNID8uBGbcagO8EntMdJ8PIgdv022EOD3vTHevz3WVu4mkRaPRqoJhKaxwaTAp0ykAb06SD66ClX4ZeZW5rrof4zF2d7JA4ZLImhIJRQ4ICoWBUDWTCY+pC3jIlH+SIut7+AXyZtZBLBUPtlG5Q== user@rsa1024',
};

const blobOf = (key: string) => key.split(' ')[1]!;

describe('sshPublicKeyProblem', () => {
  it.each(['seed', 'ed25519', 'rsa2048', 'nistp256', 'nistp384', 'nistp521'] as const)('accepts the %s key', (name) => {
    expect(sshPublicKeyProblem(KEYS[name])).toBeNull();
  });

  it('accepts a comment with spaces', () => {
    expect(sshPublicKeyProblem(`${KEYS.seed} Jane Doe laptop`)).toBeNull();
  });

  it('refuses RSA keys below 2048 bits', () => {
    expect(sshPublicKeyProblem(KEYS.rsa1024)).toBe('RSA keys must have at least 2048 bits');
  });

  it.each([
    ['', "must be an OpenSSH public key: '<type> <base64> [comment]' on one line"],
    ['ssh-ed25519', "must be an OpenSSH public key: '<type> <base64> [comment]' on one line"],
    [`${KEYS.seed}\nssh-ed25519 AAAA`, "must be an OpenSSH public key: '<type> <base64> [comment]' on one line"],
    [` ${KEYS.seed}`, "must be an OpenSSH public key: '<type> <base64> [comment]' on one line"],
  ])('refuses the malformed line %j', (line, problem) => {
    expect(sshPublicKeyProblem(line)).toBe(problem);
  });

  it('refuses the first line of a private key', () => {
    expect(sshPublicKeyProblem('-----BEGIN OPENSSH PRIVATE KEY-----')).not.toBeNull();
  });

  it('refuses a blob that names another type than the line', () => {
    expect(sshPublicKeyProblem(`ssh-rsa ${blobOf(KEYS.seed)}`)).toBe('the key data is not a ssh-rsa key');
  });

  it('refuses a truncated key', () => {
    const truncated = Buffer.from(blobOf(KEYS.seed), 'base64').subarray(0, 40).toString('base64');
    expect(sshPublicKeyProblem(`ssh-ed25519 ${truncated}`)).toBe('is not a valid ssh-ed25519 key');
  });

  it('refuses trailing bytes after the key', () => {
    const extended = Buffer.concat([Buffer.from(blobOf(KEYS.seed), 'base64'), Buffer.from([0, 0, 0, 0])]).toString('base64');
    expect(sshPublicKeyProblem(`ssh-ed25519 ${extended}`)).toBe('is not a valid ssh-ed25519 key');
  });

  it('refuses non-canonical base64', () => {
    expect(sshPublicKeyProblem('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEaSkijEWFbnjixzWRw3u2spZZaeVeWO5/ymySevCvXh=')).toBe('the key data is not valid base64');
  });

  it('refuses the deprecated DSA type', () => {
    const blob = Buffer.concat([Buffer.from([0, 0, 0, 7]), Buffer.from('ssh-dss')]).toString('base64');
    expect(sshPublicKeyProblem(`ssh-dss ${blob}`)).toMatch(/^key type 'ssh-dss' is not supported/);
  });

  it('refuses an over-long line', () => {
    expect(sshPublicKeyProblem(`${KEYS.seed} ${'x'.repeat(9000)}`)).toBe('must be at most 8192 characters');
  });
});

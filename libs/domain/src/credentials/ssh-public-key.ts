/** Longest accepted key line; a 16384-bit RSA key is about 2.8 KiB. */
export const SSH_PUBLIC_KEY_MAX_LENGTH = 8 * 1024;
export const RSA_MIN_BITS = 2048;

const LINE = /^(\S+) ([A-Za-z0-9+/]+={0,2})(?: ([^\r\n]*))?$/;

const ECDSA_POINT_BYTES: Record<string, number> = { nistp256: 65, nistp384: 97, nistp521: 133 };

/** Reads the SSH wire format (RFC 4251): length-prefixed strings, in order. */
class BlobReader {
  private offset = 0;

  constructor(private readonly blob: Buffer) {}

  next(): Buffer | null {
    if (this.offset + 4 > this.blob.length) return null;
    const length = this.blob.readUInt32BE(this.offset);
    const start = this.offset + 4;
    if (start + length > this.blob.length) return null;
    this.offset = start + length;
    return this.blob.subarray(start, start + length);
  }

  get done(): boolean {
    return this.offset === this.blob.length;
  }
}

/** Bits of an RSA modulus given as an SSH mpint (big-endian, a leading zero byte when the top bit is set). */
function mpintBits(mpint: Buffer): number {
  let i = 0;
  while (i < mpint.length && mpint[i] === 0) i++;
  if (i === mpint.length) return 0;
  return (mpint.length - i - 1) * 8 + (32 - Math.clz32(mpint[i]!));
}

/** Checks the key blob's fields against its type; returns the problem or null. */
function blobProblem(type: string, reader: BlobReader): string | null {
  const bad = `is not a valid ${type} key`;
  switch (type) {
    case 'ssh-ed25519':
    case 'sk-ssh-ed25519@openssh.com': {
      if (reader.next()?.length !== 32) return bad;
      if (type.startsWith('sk-') && !reader.next()) return bad;
      return null;
    }
    case 'ssh-rsa': {
      const exponent = reader.next();
      const modulus = reader.next();
      if (!exponent || !modulus || mpintBits(exponent) === 0) return bad;
      return mpintBits(modulus) < RSA_MIN_BITS ? `RSA keys must have at least ${RSA_MIN_BITS} bits` : null;
    }
    case 'ecdsa-sha2-nistp256':
    case 'ecdsa-sha2-nistp384':
    case 'ecdsa-sha2-nistp521':
    case 'sk-ecdsa-sha2-nistp256@openssh.com': {
      const curve = type.replace(/^(sk-)?ecdsa-sha2-/, '').replace('@openssh.com', '');
      if (reader.next()?.toString('latin1') !== curve) return bad;
      if (reader.next()?.length !== ECDSA_POINT_BYTES[curve]) return bad;
      if (type.startsWith('sk-') && !reader.next()) return bad;
      return null;
    }
    default:
      return `key type '${type}' is not supported (use ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa)`;
  }
}

/**
 * Why `line` is not an OpenSSH public key (`<type> <base64 blob> [comment]`, as in a `.pub`
 * file), or null when it is. The blob is decoded and must name the same type and carry the
 * fields that type has, so a truncated or mistyped key is caught here, not at login.
 */
export function sshPublicKeyProblem(line: string): string | null {
  if (line.length > SSH_PUBLIC_KEY_MAX_LENGTH) return `must be at most ${SSH_PUBLIC_KEY_MAX_LENGTH} characters`;
  const match = LINE.exec(line);
  if (!match) return "must be an OpenSSH public key: '<type> <base64> [comment]' on one line";
  const [, type, encoded] = match;
  const blob = Buffer.from(encoded!, 'base64');
  if (blob.toString('base64') !== encoded) return 'the key data is not valid base64';
  const reader = new BlobReader(blob);
  const declared = reader.next()?.toString('latin1');
  if (declared !== type) return `the key data is not a ${type} key`;
  const problem = blobProblem(type!, reader);
  if (problem) return problem;
  return reader.done ? null : `is not a valid ${type} key`;
}

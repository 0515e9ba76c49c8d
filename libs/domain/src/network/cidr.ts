export interface Ipv4Cidr {
  /** The network address as an unsigned 32-bit number. */
  network: number;
  prefix: number;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
/** Pod and service ranges smaller than a /28 or larger than a /8 are certainly mistakes. */
export const CIDR_PREFIX_MIN = 8;
export const CIDR_PREFIX_MAX = 28;

/** Parses `10.233.0.0/18`; null for anything that is not an IPv4 CIDR block. */
export function parseIpv4Cidr(text: string): Ipv4Cidr | null {
  const match = CIDR.exec(text);
  if (!match) return null;
  const octets = match.slice(1, 5).map((part) => (part.length > 1 && part.startsWith('0') ? NaN : Number(part)));
  if (octets.some((o) => !(o >= 0 && o <= 255))) return null;
  const prefix = Number(match[5]);
  if (prefix > 32 || (match[5]!.length > 1 && match[5]!.startsWith('0'))) return null;
  const network = octets.reduce((acc, o) => acc * 256 + o, 0);
  return { network, prefix };
}

const mask = (prefix: number): number => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);

/** Why `text` is not a usable pod or service CIDR block, or null when it is. */
export function cidrProblem(text: string): string | null {
  const cidr = parseIpv4Cidr(text);
  if (!cidr) return 'must be an IPv4 CIDR block such as 10.233.0.0/18';
  if (cidr.prefix < CIDR_PREFIX_MIN || cidr.prefix > CIDR_PREFIX_MAX) return `prefix length must be between /${CIDR_PREFIX_MIN} and /${CIDR_PREFIX_MAX}`;
  if ((cidr.network & ~mask(cidr.prefix)) >>> 0 !== 0) return 'must be a network address: the bits after the prefix must be zero';
  return null;
}

/** True when the two blocks share at least one address. */
export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  const shorter = Math.min(a.prefix, b.prefix);
  return (a.network & mask(shorter)) >>> 0 === (b.network & mask(shorter)) >>> 0;
}

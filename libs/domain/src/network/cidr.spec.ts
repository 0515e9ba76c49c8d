import { cidrProblem, cidrsOverlap, parseIpv4Cidr } from './cidr';

const cidr = (text: string) => parseIpv4Cidr(text)!;

describe('parseIpv4Cidr', () => {
  it('reads the network and prefix', () => {
    expect(parseIpv4Cidr('10.233.64.0/18')).toEqual({ network: (10 << 24) + (233 << 16) + (64 << 8), prefix: 18 });
    expect(parseIpv4Cidr('255.255.255.255/32')).toEqual({ network: 0xffffffff, prefix: 32 });
  });

  it.each(['10.233.0.0', '10.233.0/18', '10.233.0.256/24', '10.233.0.0/33', '010.0.0.0/8', '10.0.0.0/08', ' 10.0.0.0/8', 'fd00::/64', ''])('refuses %j', (text) => {
    expect(parseIpv4Cidr(text)).toBeNull();
  });
});

describe('cidrProblem', () => {
  it.each(['10.233.0.0/18', '10.233.64.0/18', '172.16.0.0/12', '10.0.0.0/8', '192.168.1.0/28'])('accepts %s', (text) => {
    expect(cidrProblem(text)).toBeNull();
  });

  it('names a malformed block', () => {
    expect(cidrProblem('10.233.0.0')).toBe('must be an IPv4 CIDR block such as 10.233.0.0/18');
  });

  it.each(['10.0.0.0/7', '10.0.0.0/29', '0.0.0.0/0'])('refuses the prefix of %s', (text) => {
    expect(cidrProblem(text)).toBe('prefix length must be between /8 and /28');
  });

  it('refuses host bits after the prefix', () => {
    expect(cidrProblem('10.233.1.0/18')).toBe('must be a network address: the bits after the prefix must be zero');
  });
});

describe('cidrsOverlap', () => {
  it('is false for the default pod and service blocks', () => {
    expect(cidrsOverlap(cidr('10.233.0.0/18'), cidr('10.233.64.0/18'))).toBe(false);
  });

  it('is true for a block inside another, either way round', () => {
    expect(cidrsOverlap(cidr('10.233.0.0/16'), cidr('10.233.64.0/18'))).toBe(true);
    expect(cidrsOverlap(cidr('10.233.64.0/18'), cidr('10.233.0.0/16'))).toBe(true);
  });

  it('is true for the same block and false for neighbours', () => {
    expect(cidrsOverlap(cidr('10.0.0.0/24'), cidr('10.0.0.0/24'))).toBe(true);
    expect(cidrsOverlap(cidr('10.0.0.0/24'), cidr('10.0.1.0/24'))).toBe(false);
  });

  it('handles blocks in the upper half of the address space', () => {
    expect(cidrsOverlap(cidr('192.168.0.0/16'), cidr('192.168.128.0/17'))).toBe(true);
    expect(cidrsOverlap(cidr('192.168.0.0/17'), cidr('192.168.128.0/17'))).toBe(false);
  });
});

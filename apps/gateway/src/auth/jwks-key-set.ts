import { importJWK, type JWK, type JWTHeaderParameters, type KeyLike } from 'jose';
import type { Logger } from 'pino';
import { AppError } from '@clusterplane/contracts';

/** Fetches and parses the JWKS document; injectable so tests can count and fail fetches. */
export type JwksFetcher = (url: string, signal: AbortSignal) => Promise<unknown>;

export interface JwksKeySetOptions {
  url: string;
  /** Pinned algorithms; a published key is only used for one of these. */
  algorithms: readonly string[];
  cacheMaxAgeMs: number;
  cooldownMs: number;
  logger: Logger;
  fetcher?: JwksFetcher;
  fetchTimeoutMs?: number;
  now?: () => number;
}

type VerificationKey = KeyLike | Uint8Array;

interface PublishedKey {
  jwk: JWK;
  /** Imported once per algorithm, on first use; later tokens reuse the promise. */
  imported: Map<string, Promise<VerificationKey>>;
}

const DEFAULT_FETCH_TIMEOUT_MS = 5_000;

/** The key type (and curve) each algorithm family verifies with. */
const EC_CURVES: Record<string, string> = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' };

function keyFits(jwk: JWK, alg: string): boolean {
  if (jwk.alg !== undefined && jwk.alg !== alg) return false;
  if (jwk.use !== undefined && jwk.use !== 'sig') return false;
  if (jwk.key_ops !== undefined && !jwk.key_ops.includes('verify')) return false;
  if (alg.startsWith('RS') || alg.startsWith('PS')) return jwk.kty === 'RSA';
  if (alg.startsWith('ES')) return jwk.kty === 'EC' && jwk.crv === EC_CURVES[alg];
  if (alg === 'EdDSA') return jwk.kty === 'OKP' && (jwk.crv === 'Ed25519' || jwk.crv === 'Ed448');
  return false;
}

async function fetchJson(url: string, signal: AbortSignal): Promise<unknown> {
  const response = await fetch(url, { signal, headers: { accept: 'application/json' }, redirect: 'error' });
  if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
  return response.json();
}

function publishedKeys(document: unknown): PublishedKey[] {
  const keys = (document as { keys?: unknown })?.keys;
  if (!Array.isArray(keys)) throw new Error('JWKS document has no "keys" array');
  return keys
    .filter((jwk): jwk is JWK => typeof jwk === 'object' && jwk !== null && typeof (jwk as JWK).kty === 'string' && (jwk as JWK).d === undefined)
    .map((jwk) => ({ jwk, imported: new Map() }));
}

/**
 * The issuer's public keys, fetched from its JWKS URL and kept for JWKS_CACHE_MAX_AGE_MS.
 * A token naming a key id we do not hold triggers a fetch, but at most one per
 * JWKS_COOLDOWN_MS however many such tokens arrive, and concurrent misses share that fetch:
 * a flood of made-up `kid`s cannot hammer the issuer. Expired keys keep working while a fetch
 * runs behind them, and while the endpoint is down (logged once per cooldown), so an outage of
 * the issuer does not lock everyone out; a token whose key we never had gets a 401.
 */
export class JwksKeySet {
  private keys: PublishedKey[] = [];
  private loadedAt?: number;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private lastFailed = false;
  private pending?: Promise<void>;
  private readonly fetcher: JwksFetcher;
  private readonly now: () => number;

  constructor(private readonly options: JwksKeySetOptions) {
    this.fetcher = options.fetcher ?? fetchJson;
    this.now = options.now ?? (() => Date.now());
  }

  /** Loads the keys ahead of the first token; failures are logged, never thrown. */
  prefetch(): Promise<void> {
    return this.refresh();
  }

  /** For jose's jwtVerify: the published key the token's header names. */
  readonly getKey = async (header: JWTHeaderParameters): Promise<VerificationKey> => {
    const found = this.select(header);
    if (found) {
      if (this.isStale()) void this.refresh();
      return found;
    }
    await this.refresh();
    const fetched = this.select(header);
    if (fetched) return fetched;
    throw new AppError('unauthenticated', this.lastFailed && this.loadedAt === undefined ? 'token signing keys are unavailable; try again later' : 'invalid token');
  };

  private select(header: JWTHeaderParameters): Promise<VerificationKey> | undefined {
    const alg = header.alg;
    if (!this.options.algorithms.includes(alg)) return undefined;
    const candidates = this.keys.filter((key) => (header.kid === undefined || key.jwk.kid === header.kid) && keyFits(key.jwk, alg));
    // Without a `kid`, only an unambiguous key set can answer.
    if (candidates.length !== 1) return undefined;
    const key = candidates[0]!;
    let imported = key.imported.get(alg);
    if (!imported) {
      imported = importJWK(key.jwk, alg);
      key.imported.set(alg, imported);
    }
    return imported;
  }

  private isStale(): boolean {
    return this.loadedAt !== undefined && this.now() - this.loadedAt > this.options.cacheMaxAgeMs;
  }

  /** One fetch at a time, and none within the cooldown of the last attempt. */
  private refresh(): Promise<void> {
    if (this.pending) return this.pending;
    if (this.now() - this.lastAttemptAt < this.options.cooldownMs) return Promise.resolve();
    this.lastAttemptAt = this.now();
    this.pending = this.load().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async load(): Promise<void> {
    try {
      const document = await this.fetcher(this.options.url, AbortSignal.timeout(this.options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS));
      this.keys = publishedKeys(document);
      this.loadedAt = this.now();
      this.lastFailed = false;
      this.options.logger.debug({ url: this.options.url, keys: this.keys.length }, 'JWKS loaded');
    } catch (error) {
      this.lastFailed = true;
      this.options.logger.warn({ url: this.options.url, reason: (error as Error)?.message ?? String(error) }, 'JWKS fetch failed; keeping the keys already held');
    }
  }
}

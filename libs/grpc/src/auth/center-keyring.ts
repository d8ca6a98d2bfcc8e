import { createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** What a process's GRPC_KEYS_FILE holds: DER keys, base64. */
export interface CenterKeysFile {
  version: 1;
  /** PKCS#8 Ed25519 private keys of the centers this process hosts: it signs only as them. */
  private: Record<string, string>;
  /** SPKI Ed25519 public keys of every center it may hear from. Not secret. */
  public: Record<string, string>;
}

// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** Development option: every center's key pair follows from one master secret. */
export function derivedKeyPair(master: string, center: string): { privateKey: KeyObject; publicKey: KeyObject } {
  const seed = createHmac('sha256', master).update(`syn-grpc:v1:${center}`).digest();
  const privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/**
 * The keys a process uses on gRPC between centers. In production each process holds only the
 * private keys of the centers it hosts (so it can speak only as them) and the public keys of the
 * others; in development (GRPC_SHARED_SECRET) every key is derived from the one secret.
 */
export class CenterKeyring {
  private readonly derivedCache = new Map<string, { privateKey: KeyObject; publicKey: KeyObject }>();

  private constructor(
    private readonly privates: Map<string, KeyObject>,
    private readonly publics: Map<string, KeyObject>,
    private readonly master?: string,
  ) {}

  static derived(master: string): CenterKeyring {
    if (!master || master.length < 16) throw new Error('the gRPC master secret must be at least 16 characters');
    return new CenterKeyring(new Map(), new Map(), master);
  }

  static fromKeys(file: CenterKeysFile): CenterKeyring {
    const privates = new Map(
      Object.entries(file.private ?? {}).map(([c, k]) => [c, createPrivateKey({ key: Buffer.from(k, 'base64'), format: 'der', type: 'pkcs8' })]),
    );
    const publics = new Map(
      Object.entries(file.public ?? {}).map(([c, k]) => [c, createPublicKey({ key: Buffer.from(k, 'base64'), format: 'der', type: 'spki' })]),
    );
    for (const [c, k] of privates) if (!publics.has(c)) publics.set(c, createPublicKey(k));
    return new CenterKeyring(privates, publics);
  }

  static fromFile(path: string): CenterKeyring {
    let parsed: CenterKeysFile;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8')) as CenterKeysFile;
    } catch (e) {
      // The parse error could quote key material: name the file only, and do not chain it as the cause.
      // eslint-disable-next-line preserve-caught-error -- the cause's message would carry the key material into logs
      throw new Error(`GRPC_KEYS_FILE ${path} is not a readable keys file (${(e as NodeJS.ErrnoException).code ?? 'invalid JSON'})`);
    }
    return CenterKeyring.fromKeys(parsed);
  }

  /** GRPC_KEYS_FILE wins; GRPC_SHARED_SECRET is the development fallback. */
  static fromEnv(env: { GRPC_KEYS_FILE?: string; GRPC_SHARED_SECRET?: string }): CenterKeyring {
    if (env.GRPC_KEYS_FILE) return CenterKeyring.fromFile(env.GRPC_KEYS_FILE);
    if (env.GRPC_SHARED_SECRET) return CenterKeyring.derived(env.GRPC_SHARED_SECRET);
    throw new Error('set GRPC_KEYS_FILE (production) or GRPC_SHARED_SECRET (development) for gRPC between centers');
  }

  privateKeyOf(center: string): KeyObject | undefined {
    return this.master ? this.derive(center).privateKey : this.privates.get(center);
  }

  publicKeyOf(center: string): KeyObject | undefined {
    return this.master ? this.derive(center).publicKey : this.publics.get(center);
  }

  private derive(center: string) {
    let pair = this.derivedCache.get(center);
    if (!pair) {
      pair = derivedKeyPair(this.master!, center);
      this.derivedCache.set(center, pair);
    }
    return pair;
  }
}

/**
 * Fresh key pairs for a tree and the keys file of each process: its own centers' private keys and
 * every center's public key. Run once per deployment (deploy/grpc/generate-grpc-keys).
 */
export function generateKeysFiles(centers: string[], processes: Record<string, string[]>): Record<string, CenterKeysFile> {
  const pairs = new Map(centers.map((c) => [c, generateKeyPairSync('ed25519')]));
  const publics = Object.fromEntries([...pairs].map(([c, p]) => [c, p.publicKey.export({ format: 'der', type: 'spki' }).toString('base64')]));
  const files: Record<string, CenterKeysFile> = {};
  for (const [name, hosted] of Object.entries(processes)) {
    const priv: Record<string, string> = {};
    for (const c of hosted) {
      const pair = pairs.get(c);
      if (!pair) throw new Error(`process ${name} hosts ${c}, which is not in the tree`);
      priv[c] = pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    }
    files[name] = { version: 1, private: priv, public: publics };
  }
  return files;
}

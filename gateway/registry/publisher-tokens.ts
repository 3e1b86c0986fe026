import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RegistryError } from './errors';

/**
 * Publisher credentials (issue 5, item 3): a static token file until the access-control issue
 * folds publishers into its model. The file (path in SATU_PUBLISHER_TOKENS) maps the SHA-256
 * (hex) of each token to who holds it; the tokens themselves are never stored:
 *
 *   { "3f1c...e9": { "agency": "imigrasi", "publisher": "Rina (SIMKIM team)" } }
 *
 * `writeDemoPublisherTokens` makes one for the demo under data/ (git-ignored), with the
 * plain tokens in a separate file readable by the owner only.
 */
export interface PublisherCredential {
  agency: string;
  publisher: string;
}

export type PublisherTokens = ReadonlyMap<string, PublisherCredential>;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function loadPublisherTokens(file: string): PublisherTokens {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RegistryError('BAD_INPUT', `cannot read the publisher token file ${file} (SATU_PUBLISHER_TOKENS): ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new RegistryError('BAD_INPUT', `the publisher token file ${file} is not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new RegistryError('BAD_INPUT', `the publisher token file ${file} must be an object { "<sha256 of token>": { "agency": "...", "publisher": "..." } }`);
  }
  const tokens = new Map<string, PublisherCredential>();
  for (const [hash, entry] of Object.entries(parsed)) {
    const credential = entry as Partial<PublisherCredential> | null;
    if (!/^[0-9a-f]{64}$/.test(hash) || typeof credential?.agency !== 'string' || typeof credential.publisher !== 'string') {
      throw new RegistryError('BAD_INPUT', `the publisher token file ${file} has a bad entry ${JSON.stringify(hash.slice(0, 16))}: keys are SHA-256 hex digests, values { "agency": string, "publisher": string }`);
    }
    tokens.set(hash, { agency: credential.agency, publisher: credential.publisher });
  }
  return tokens;
}

/** `--token` takes a file holding the token (preferred: it stays out of shell history) or the token itself. */
export function readTokenArgument(value: string): string {
  const token = existsSync(value) && statSync(value).isFile() ? readFileSync(value, 'utf8').trim() : value.trim();
  if (token === '') throw new RegistryError('BAD_INPUT', 'the publisher token is empty: give --token FILE (a file holding the token) or the token');
  return token;
}

/** The credential behind a token, or FORBIDDEN. */
export function authenticatePublisher(tokens: PublisherTokens, token: string): PublisherCredential {
  const credential = tokens.get(hashToken(token));
  if (!credential) throw new RegistryError('FORBIDDEN', 'the publisher token is not known: ask the registry operator for a publisher token for your agency');
  return credential;
}

/** Only a publisher of the subgraph's agency may publish it. */
export function authorizePublish(credential: PublisherCredential, subgraph: { name: string; agency: string }): void {
  if (credential.agency !== subgraph.agency) {
    throw new RegistryError('FORBIDDEN', `${credential.publisher} publishes for ${credential.agency}, but subgraph ${subgraph.name} belongs to ${subgraph.agency}: only a ${subgraph.agency} publisher may publish it`);
  }
}

/**
 * Writes a demo token file (`publisher-tokens.json`, hashes only) and the matching plain tokens
 * (`publisher-tokens.demo.txt`, mode 600, `agency token` per line) into `dir`. Fresh random
 * tokens every call: nothing secret is committed.
 */
export function writeDemoPublisherTokens(dir: string, agencies: readonly string[]): { tokensFile: string; secretsFile: string; tokens: Record<string, string> } {
  mkdirSync(dir, { recursive: true });
  const hashed: Record<string, PublisherCredential> = {};
  const tokens: Record<string, string> = {};
  for (const agency of agencies) {
    const token = `satu_pub_${agency}_${randomBytes(24).toString('base64url')}`;
    tokens[agency] = token;
    hashed[hashToken(token)] = { agency, publisher: `demo publisher (${agency})` };
  }
  const tokensFile = path.join(dir, 'publisher-tokens.json');
  const secretsFile = path.join(dir, 'publisher-tokens.demo.txt');
  writeFileSync(tokensFile, JSON.stringify(hashed, null, 2) + '\n');
  writeFileSync(secretsFile, Object.entries(tokens).map(([agency, token]) => `${agency} ${token}`).join('\n') + '\n', { mode: 0o600 });
  return { tokensFile, secretsFile, tokens };
}

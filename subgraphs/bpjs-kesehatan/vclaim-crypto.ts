import { createCipheriv, createDecipheriv, createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

/**
 * The VClaim wire cryptography, shared by the simulator (which signs nothing but checks
 * signatures and encrypts answers) and the client (which signs requests and decrypts
 * answers), so both sides and the tests agree byte for byte.
 *
 * - Request signature: `X-signature = base64(HMAC-SHA256(key = secret, data = consId + "&" + timestamp))`,
 *   timestamp = the `X-timestamp` header (unix seconds, as a decimal string).
 * - Response: `response = base64(AES-256-CBC(LZString.compressToEncodedURIComponent(json)))` with
 *   key = SHA-256(consId + secret + timestamp) (all 32 bytes) and IV = the first 16 bytes of that same
 *   hash; PKCS#7 padding. The timestamp is the one the client sent in `X-timestamp`, so the
 *   client can derive the key without another header.
 */

export interface VClaimKeyMaterial {
  consId: string;
  secret: string;
  /** The request's X-timestamp, unix seconds as a decimal string. */
  timestamp: string;
}

/** Where decoding failed: the cipher (wrong key, bad base64/padding) or the LZ-string layer. */
export type VClaimDecodeStage = 'decrypt' | 'decompress';

export class VClaimDecodeError extends Error {
  constructor(
    readonly stage: VClaimDecodeStage,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'VClaimDecodeError';
  }
}

export function signVClaimRequest(consId: string, secret: string, timestamp: string): string {
  return createHmac('sha256', secret).update(`${consId}&${timestamp}`, 'utf8').digest('base64');
}

/** Constant-time comparison of a presented signature with the expected one. */
export function isValidVClaimSignature(presented: string, consId: string, secret: string, timestamp: string): boolean {
  const expected = Buffer.from(signVClaimRequest(consId, secret, timestamp), 'utf8');
  const given = Buffer.from(presented, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function deriveVClaimKey(material: VClaimKeyMaterial): { key: Buffer; iv: Buffer } {
  const hash = createHash('sha256').update(`${material.consId}${material.secret}${material.timestamp}`, 'utf8').digest();
  return { key: hash, iv: hash.subarray(0, 16) };
}

/** JSON text -> the `response` string of a VClaim envelope. */
export function encodeVClaimResponse(json: string, material: VClaimKeyMaterial): string {
  const compressed = compressToEncodedURIComponent(json);
  const { key, iv } = deriveVClaimKey(material);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([cipher.update(compressed, 'utf8'), cipher.final()]).toString('base64');
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The `response` string of a VClaim envelope -> JSON text. Throws VClaimDecodeError naming the layer. */
export function decodeVClaimResponse(response: string, material: VClaimKeyMaterial): string {
  if (response.length === 0 || response.length % 4 !== 0 || !BASE64.test(response)) {
    throw new VClaimDecodeError('decrypt', `response is not base64 (${response.length} characters)`);
  }
  let compressed: string;
  try {
    const { key, iv } = deriveVClaimKey(material);
    const decipher = createDecipheriv('aes-256-cbc', key, iv);
    compressed = Buffer.concat([decipher.update(Buffer.from(response, 'base64')), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new VClaimDecodeError('decrypt', 'response does not decrypt with the derived key (wrong key or corrupt cipher text)', {
      cause: error,
    });
  }
  // lz-string's typings say `string`, but it returns null (or "") for input it cannot read.
  let json: string | null;
  try {
    json = decompressFromEncodedURIComponent(compressed) as string | null;
  } catch (error) {
    throw new VClaimDecodeError('decompress', 'decrypted response is not LZ-string data', { cause: error });
  }
  if (json === null || json === '') {
    throw new VClaimDecodeError('decompress', 'decrypted response is not LZ-string data');
  }
  return json;
}

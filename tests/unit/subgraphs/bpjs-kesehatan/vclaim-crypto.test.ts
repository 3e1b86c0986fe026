import { createCipheriv } from 'node:crypto';
import { compressToEncodedURIComponent } from 'lz-string';
import {
  VClaimDecodeError,
  decodeVClaimResponse,
  deriveVClaimKey,
  encodeVClaimResponse,
  isValidVClaimSignature,
  signVClaimRequest,
} from '../../../../subgraphs/bpjs-kesehatan/vclaim-crypto';

const material = { consId: '21095', secret: 'satu-demo-vclaim-secret', timestamp: '1700000000' };

// Vectors computed outside this code: `openssl dgst`/`openssl enc -aes-256-cbc` and the lz-string CLI.
const KNOWN_SIGNATURE = 'BhzxntsrkN0AfG/uivNnjOzwRV8g5eGSYPOQWS5D4h0=';
const KNOWN_KEY_HEX = 'b8fb88d2867a367841b5b32a478dc743aebceba7651348909e9333596672834c';
const KNOWN_JSON = '{"peserta":{"nik":"1471084507850001"}}';
const KNOWN_RESPONSE = 'c31tAyrd76IWm3YdH9VruyF9vxVdvbpGdoiHicZBW2aQ9TF/BnOIjlSXMqo3BhM6hAS5eGL/MYL5Qz9GBfRkMA==';

function encryptRaw(plain: string, keyMaterial = material): string {
  const { key, iv } = deriveVClaimKey(keyMaterial);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

describe('VClaim crypto helpers', () => {
  it('signs base64(HMAC-SHA256(secret, consId & timestamp))', () => {
    expect(signVClaimRequest(material.consId, material.secret, material.timestamp)).toBe(KNOWN_SIGNATURE);
  });

  it('checks signatures in constant time and rejects any other value', () => {
    expect(isValidVClaimSignature(KNOWN_SIGNATURE, material.consId, material.secret, material.timestamp)).toBe(true);
    expect(isValidVClaimSignature(KNOWN_SIGNATURE, material.consId, material.secret, '1700000001')).toBe(false);
    expect(isValidVClaimSignature('short', material.consId, material.secret, material.timestamp)).toBe(false);
    expect(isValidVClaimSignature('', material.consId, 'other-secret', material.timestamp)).toBe(false);
  });

  it('derives key = SHA-256(consId + secret + timestamp) and IV = its first 16 bytes', () => {
    const { key, iv } = deriveVClaimKey(material);
    expect(key.toString('hex')).toBe(KNOWN_KEY_HEX);
    expect(iv.toString('hex')).toBe(KNOWN_KEY_HEX.slice(0, 32));
  });

  it('encodes compress-then-encrypt exactly as an independent implementation does', () => {
    expect(encodeVClaimResponse(KNOWN_JSON, material)).toBe(KNOWN_RESPONSE);
    expect(decodeVClaimResponse(KNOWN_RESPONSE, material)).toBe(KNOWN_JSON);
  });

  it('round-trips any JSON, non-ASCII names included', () => {
    const json = JSON.stringify({ peserta: { nama: 'SITI NURHALIZA Ç', n: [1, 2, 3] } });
    expect(decodeVClaimResponse(encodeVClaimResponse(json, material), material)).toBe(json);
  });

  it.each([
    ['not base64', 'this is not base64!', 'decrypt'],
    ['empty', '', 'decrypt'],
    ['not a whole AES block', Buffer.from('not encrypted!').toString('base64'), 'decrypt'],
    ['encrypted with another key', encodeVClaimResponse(KNOWN_JSON, { ...material, timestamp: '1700000001' }), 'decrypt'],
    ['decrypts but is not LZ-string', encryptRaw('hello world'), 'decompress'],
    ['decrypts to an empty LZ-string', encryptRaw(''), 'decompress'],
  ])('names the failing layer: %s', (_label, response, stage) => {
    let caught: unknown;
    try {
      decodeVClaimResponse(response, material);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(VClaimDecodeError);
    expect((caught as VClaimDecodeError).stage).toBe(stage);
  });

  it('decodes LZ data that is not JSON (the client rejects it a layer up)', () => {
    expect(decodeVClaimResponse(encryptRaw(compressToEncodedURIComponent('<html>')), material)).toBe('<html>');
  });
});

import { createHash } from 'node:crypto';
import { canonicalJson, CanonicalJsonError } from '../../../../gateway/audit/canonical-json';
import { chainEntry, entryContentOf, entryHash, entryHashInput, GENESIS_HASH, LedgerEntryError } from '../../../../gateway/audit/ledger-entry';
import { draft, NIK_A, NIK_B, operationHashOf } from './ledger-fixtures';

describe('canonical JSON', () => {
  it('sorts keys at every level by code unit, keeps array order and prints no whitespace', () => {
    expect(canonicalJson({ b: [3, 'x', { z: null, a: true }], a: 'é', B: -7 })).toBe('{"B":-7,"a":"é","b":[3,"x",{"a":true,"z":null}]}');
  });

  it('escapes strings as JSON does (RFC 8785 for strings)', () => {
    expect(canonicalJson({ text: 'line\nbreak "quoted" \\ \u0001' })).toBe('{"text":"line\\nbreak \\"quoted\\" \\\\ \\u0001"}');
  });

  it('refuses what two serializers could print differently', () => {
    expect(() => canonicalJson({ latency: 1.5 })).toThrow(new CanonicalJsonError('$.latency: only safe integers can be hashed canonically, got 1.5'));
    expect(() => canonicalJson({ big: 2 ** 60 })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ missing: undefined } as never)).toThrow('$.missing is undefined: give null or leave the key out');
    expect(() => canonicalJson({ when: new Date() } as never)).toThrow('$.when: a object cannot be hashed canonically');
  });
});

describe('ledger entry content and hash', () => {
  const at = new Date('2026-12-05T08:00:00.000Z');

  it('sorts and deduplicates every list and rounds the latency, so one operation always hashes the same', () => {
    const content = entryContentOf(draft({ argumentNiks: [NIK_A, NIK_B, NIK_A], agencies: ['imigrasi', 'dukcapil'], errorCodes: ['FORBIDDEN', 'AGENCY_TIMEOUT'], latencyMs: 41.6 }), at);
    expect(content).toMatchObject({ time: '2026-12-05T08:00:00.000Z', argumentNiks: [NIK_B, NIK_A], agencies: ['dukcapil', 'imigrasi'], errorCodes: ['AGENCY_TIMEOUT', 'FORBIDDEN'], latencyMs: 42, traceId: null });
  });

  it('hashes the documented canonical text: every field, the format version, the sequence and the previous hash', () => {
    const content = entryContentOf(
      draft({ requestId: 'r-1', traceId: 'trace-9', operationHash: operationHashOf('{ a }'), argumentNiks: [NIK_A], answerNiks: [], coordinates: ['Query.a'], agencies: ['dukcapil'], latencyMs: 5 }),
      at,
    );
    const text = entryHashInput({ ...content, sequence: 1, previousHash: GENESIS_HASH });
    expect(text).toBe(
      `{"agencies":["dukcapil"],"answerNiks":[],"argumentNiks":["${NIK_A}"],"clientId":"frontend-mpp-counter","coordinates":["Query.a"],"errorCodes":[],"latencyMs":5,` +
        `"operationHash":"${operationHashOf('{ a }')}","operationName":"Citizen","outcome":"OK","previousHash":"${GENESIS_HASH}","purpose":"passport-application",` +
        `"requestId":"r-1","role":"frontend","sequence":1,"time":"2026-12-05T08:00:00.000Z","traceId":"trace-9","v":1}`,
    );
    const entry = chainEntry(content, 1, GENESIS_HASH);
    expect(entry.hash).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(entryHash(entry)).toBe(entry.hash);
    expect(entryHash({ ...entry, sequence: 2 })).not.toBe(entry.hash);
    expect(entryHash({ ...entry, previousHash: 'f'.repeat(64) })).not.toBe(entry.hash);
  });

  it.each([
    [{ argumentNiks: ['147110040596000'] }, 'argumentNiks holds "147110040596000", which is not a NIK of 16 digits'],
    [{ answerNiks: ['１４７１１００４０５９６０００１'] }, 'answerNiks holds'],
    [{ argumentNiks: [1471100405960001 as never] }, 'argumentNiks holds "1471100405960001", which is not a NIK'],
    [{ operationHash: 'ABC' }, 'operationHash must be a SHA-256 in lower-case hex'],
    [{ outcome: 'FINE' as never }, 'outcome must be one of OK, PARTIAL, REFUSED, ERROR, not "FINE"'],
    [{ latencyMs: -1 }, 'latencyMs must be a number of milliseconds'],
    [{ latencyMs: Number.NaN }, 'latencyMs must be a number of milliseconds'],
    [{ clientId: '' }, "clientId must be a non-empty string"],
    [{ requestId: undefined as never }, "requestId is missing"],
    [{ role: 'front\nend' }, 'role holds a control character'],
    [{ purpose: 'x'.repeat(300) }, 'purpose is 300 characters long; at most 256'],
    [{ coordinates: 'Query.citizen' as never }, 'coordinates must be a list'],
    [{ time: new Date('not a date') }, 'time must be a valid Date'],
  ])('refuses a draft with %j', (override, message) => {
    expect(() => entryContentOf(draft(override))).toThrow(LedgerEntryError);
    expect(() => entryContentOf(draft(override))).toThrow(message);
  });

  it('refuses a list too long to be one operation', () => {
    expect(() => entryContentOf(draft({ coordinates: Array.from({ length: 20_001 }, (_, index) => `T.f${index}`) }))).toThrow('coordinates has 20001 items; at most 20000');
  });
});

import { toBpnLegacyError } from '../../../../subgraphs/bpn/bpn-kkp.errors';
import { LegacyError } from '../../../../subgraphs/kit/errors';

function withCode(code: string, message = 'boom'): Error {
  return Object.assign(new Error(message), { code });
}

describe('toBpnLegacyError', () => {
  it.each([
    [withCode('57014', 'canceling statement due to statement timeout'), 'AGENCY_TIMEOUT'],
    [withCode('55P03'), 'AGENCY_TIMEOUT'],
    [withCode('42P01', 'relation "v_bidang_tanah_pemilik" does not exist'), 'AGENCY_UNAVAILABLE'],
    [withCode('3F000'), 'AGENCY_UNAVAILABLE'],
    [withCode('42501', 'permission denied for view v_bidang_tanah_pemilik'), 'AGENCY_UNAVAILABLE'],
    [withCode('42703', 'column "nik_pemilik" does not exist'), 'AGENCY_BAD_RESPONSE'],
    [withCode('22P02'), 'AGENCY_BAD_RESPONSE'],
    [withCode('28P01', 'password authentication failed'), 'AGENCY_UNAVAILABLE'],
    [withCode('3D000', 'database "kkp" does not exist'), 'AGENCY_UNAVAILABLE'],
    [withCode('57P01', 'terminating connection due to administrator command'), 'AGENCY_UNAVAILABLE'],
    [withCode('ECONNREFUSED'), 'AGENCY_UNAVAILABLE'],
    [withCode('ENOTFOUND'), 'AGENCY_UNAVAILABLE'],
    [withCode('ETIMEDOUT'), 'AGENCY_TIMEOUT'],
    [Object.assign(new AggregateError([withCode('ECONNREFUSED')], 'all failed')), 'AGENCY_UNAVAILABLE'],
    [new Error('timeout exceeded when trying to connect'), 'AGENCY_TIMEOUT'],
    [new Error('Connection terminated unexpectedly'), 'AGENCY_UNAVAILABLE'],
    [withCode('SQLITE_BUSY', 'database is locked'), 'AGENCY_TIMEOUT'],
    [withCode('SQLITE_LOCKED_SHAREDCACHE'), 'AGENCY_TIMEOUT'],
    [withCode('SQLITE_ERROR', 'no such table: v_bidang_tanah_pemilik'), 'AGENCY_UNAVAILABLE'],
    [withCode('SQLITE_ERROR', 'no such column: nik_pemilik'), 'AGENCY_BAD_RESPONSE'],
    [withCode('SQLITE_CANTOPEN', 'unable to open database file'), 'AGENCY_UNAVAILABLE'],
    [withCode('SQLITE_NOTADB', 'file is not a database'), 'AGENCY_UNAVAILABLE'],
    ['a string', 'AGENCY_UNAVAILABLE'],
  ])('maps %p to %s for the bpn agency', (error, code) => {
    const mapped = toBpnLegacyError(error, 500);
    expect([mapped.code, mapped.agency]).toEqual([code, 'bpn']);
  });

  it('passes a LegacyError through', () => {
    const original = new LegacyError('AGENCY_TIMEOUT', 'bpn', 'deadline');
    expect(toBpnLegacyError(original, 500)).toBe(original);
  });
});

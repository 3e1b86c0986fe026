import path from 'node:path';
import { BpnLocationError, describeBpnLocation, parseBpnLocation, withSearchPath } from '../../../../subgraphs/bpn/bpn-location';

describe('bpn legacyLocation', () => {
  it.each([
    ['postgres://postgres@127.0.0.1:5432/test', 'postgres'],
    ['postgresql://kkp:secret@db.bpn.local/kkp?sslmode=require', 'postgres'],
    ['POSTGRES://postgres@127.0.0.1/test', 'postgres'],
    ['/var/satu/data/bpn/bpn.sqlite', 'sqlite'],
    ['data/pekanbaru/bpn/bpn.sqlite', 'sqlite'],
  ])('reads %s as %s', (location, dialect) => {
    expect(parseBpnLocation(location).dialect).toBe(dialect);
  });

  it('resolves a relative SQLite path', () => {
    expect(parseBpnLocation('data/bpn/bpn.sqlite')).toEqual({ dialect: 'sqlite', file: path.resolve('data/bpn/bpn.sqlite') });
  });

  it.each([
    ['', /empty/],
    ['mysql://root@127.0.0.1/kkp', /unsupported scheme "mysql:"/],
    ['https://kkp.atrbpn.go.id/', /unsupported scheme "https:"/],
    ['sqlite:///tmp/kkp.sqlite', /unsupported scheme "sqlite:"/],
    ['postgres://', /valid PostgreSQL URL|no host/],
  ])('refuses %j: %s', (location, message) => {
    expect(() => parseBpnLocation(location)).toThrow(BpnLocationError);
    expect(() => parseBpnLocation(location)).toThrow(message);
  });

  it('masks the password for logs', () => {
    expect(describeBpnLocation(parseBpnLocation('postgres://kkp:rahasia@db.local:5432/kkp'))).toBe('postgres://kkp:***@db.local:5432/kkp');
  });

  it('adds search_path through the libpq options parameter, keeping other options', () => {
    expect(new URL(withSearchPath('postgres://postgres@127.0.0.1:5432/test', 'bpn_kkp')).searchParams.get('options')).toBe('-c search_path=bpn_kkp');
    const kept = withSearchPath('postgres://postgres@127.0.0.1:5432/test?options=-c%20work_mem%3D4MB&sslmode=disable', 'bpn_kkp');
    expect(new URL(kept).searchParams.get('options')).toBe('-c work_mem=4MB -c search_path=bpn_kkp');
    expect(new URL(kept).searchParams.get('sslmode')).toBe('disable');
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GatewayError } from '../../../../gateway/reconcile/graphql-client';
import type { InputColumn } from '../../../../gateway/reconcile/input-columns';
import type { RegistryCitizen, RegistryClient } from '../../../../gateway/reconcile/registry-client';

/** A valid NIK (Kota Pekanbaru, Sukajadi), distinct for each i up to 336 x 9999. */
export function nikOf(i: number): string {
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `147101${pad(1 + (i % 28))}${pad(1 + (Math.floor(i / 28) % 12))}85${pad(1 + Math.floor(i / 336), 4)}`;
}

export function citizenOf(i: number): RegistryCitizen {
  return {
    nik: nikOf(i),
    fullName: 'MUHAMMAD RIZKI',
    birthDate: `1985-${String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    birthPlace: 'PEKANBARU',
    sex: 'MALE',
    motherName: 'SITI AMINAH',
    maritalStatus: 'KAWIN',
    address: { street: 'JL. MANUNGGAL NO. 139', rt: '12', rw: '4', village: 'TIRTA SIAK', district: 'PAYUNG SEKAKI', regency: 'PEKANBARU' },
  };
}

export function tempDir(prefix = 'satu-reconcile-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function writeCsv(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** A registry in memory that records the NIKs of each call; `failOnCall` makes that call (1-based) throw as if the gateway were down. */
export class FakeRegistry implements RegistryClient {
  readonly calls: string[][] = [];
  failOnCall: number | undefined;
  constructor(readonly citizens: ReadonlyMap<string, RegistryCitizen>) {}

  static of(citizens: readonly RegistryCitizen[]): FakeRegistry {
    return new FakeRegistry(new Map(citizens.map((citizen) => [citizen.nik, citizen])));
  }

  async fetchCitizens(niks: readonly string[], _columns: readonly InputColumn[]): Promise<Array<RegistryCitizen | null>> {
    this.calls.push([...niks]);
    if (this.failOnCall === this.calls.length) throw new GatewayError('unreachable', 'cannot reach the gateway at http://127.0.0.1:9/graphql (ECONNREFUSED)');
    return niks.map((nik) => this.citizens.get(nik) ?? null);
  }
}

export const silentIo = (): { stdout: (text: string) => void; stderr: (text: string) => void; out: string[]; err: string[] } => {
  const out: string[] = [];
  const err: string[] = [];
  return { stdout: (text) => void out.push(text), stderr: (text) => void err.push(text), out, err };
};

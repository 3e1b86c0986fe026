import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { AccessLedger, type AccessLedgerOptions } from '../../../../gateway/audit/access-ledger';
import { openLedgerDatabase, type LedgerDatabase } from '../../../../gateway/audit/ledger-database';
import type { LedgerEntryDraft } from '../../../../gateway/audit/ledger-entry';
import { loadOrCreateLedgerSigner, readLedgerPublicKeys, type LedgerSigner } from '../../../../gateway/audit/ledger-signing-key';

export const PG_SERVER = process.env.SATU_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Valid NIKs of the synthetic population's region (Pekanbaru, 1471xx). */
export const NIK_A = '1471100405960001';
export const NIK_B = '1471016802060001';
export const NIK_C = '1471024509880003';

export interface LedgerBackend {
  name: 'SQLite' | 'PostgreSQL';
  /** A fresh, empty database: a temporary SQLite file, or a PostgreSQL schema of its own (dropped by cleanup). */
  open(): Promise<{ location: string; schema?: string; cleanup(): Promise<void> }>;
}

export const LEDGER_BACKENDS: LedgerBackend[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'satu-ledger-'));
      return { location: path.join(dir, 'gateway.sqlite'), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const schema = `satu_audit_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = new Client({ connectionString: PG_SERVER, connectionTimeoutMillis: 3000 });
      try {
        await admin.connect();
      } catch (error) {
        throw new Error(`PostgreSQL is not reachable at ${PG_SERVER} (.ci/run starts it): ${(error as Error).message}`);
      }
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
      return {
        location: `${PG_SERVER}?options=-c%20search_path%3D${schema}`,
        schema,
        cleanup: async () => {
          const client = new Client({ connectionString: PG_SERVER });
          await client.connect();
          await client.query(`DROP SCHEMA ${schema} CASCADE`);
          await client.end();
        },
      };
    },
  },
];

export function operationHashOf(document: string): string {
  return createHash('sha256').update(document).digest('hex');
}

let requestCounter = 0;

/** A plausible entry for a citizen query; override what a test is about. */
export function draft(overrides: Partial<LedgerEntryDraft> = {}): LedgerEntryDraft {
  requestCounter += 1;
  return {
    requestId: `req-${requestCounter}`,
    traceId: null,
    clientId: 'frontend-mpp-counter',
    role: 'frontend',
    purpose: 'passport-application',
    operationName: 'Citizen',
    operationHash: operationHashOf('query Citizen($nik: NIK!) { citizen(nik: $nik) { fullName passports { number } } }'),
    argumentNiks: [NIK_A],
    answerNiks: [NIK_A],
    coordinates: ['Citizen.fullName', 'Citizen.passports', 'Passport.number', 'Query.citizen', 'Query.citizen.nik'],
    agencies: ['dukcapil', 'imigrasi'],
    outcome: 'OK',
    errorCodes: [],
    latencyMs: 42,
    ...overrides,
  };
}

export interface OpenedLedger {
  db: LedgerDatabase;
  ledger: AccessLedger;
  signer: LedgerSigner;
  keyDir: string;
  location: string;
  schema?: string;
  publicKeys(): ReturnType<typeof readLedgerPublicKeys>;
  /** Closes the ledger and the database, removes the key directory and the database. */
  cleanup(): Promise<void>;
}

/** A fresh database on `backend` with a migrated ledger and a signing key of its own. */
export async function openTestLedger(backend: LedgerBackend, options: Partial<AccessLedgerOptions> & { busyTimeoutMs?: number } = {}): Promise<OpenedLedger> {
  const opened = await backend.open();
  const keyDir = mkdtempSync(path.join(os.tmpdir(), 'satu-ledger-key-'));
  const db = await openLedgerDatabase(opened.location, { busyTimeoutMs: options.busyTimeoutMs ?? 200 });
  const signer = loadOrCreateLedgerSigner(keyDir);
  const ledger = await AccessLedger.open({ db, signer, ...options });
  let cleaned = false;
  return {
    db,
    ledger,
    signer,
    keyDir,
    location: opened.location,
    schema: opened.schema,
    publicKeys: () => readLedgerPublicKeys([signer.publicKeyFile]),
    async cleanup() {
      if (cleaned) return;
      cleaned = true;
      await ledger.close().catch(() => undefined);
      await db.destroy();
      rmSync(keyDir, { recursive: true, force: true });
      await opened.cleanup();
    },
  };
}

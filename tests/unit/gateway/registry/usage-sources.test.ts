import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LedgerReader } from '../../../../gateway/audit/ledger-reader';
import { ledgerUsageSource } from '../../../../gateway/audit/registry-usage';
import { checkSubgraph } from '../../../../gateway/registry/check';
import { openCommandUsage } from '../../../../gateway/registry/command-usage';
import type { CoordinateUsage } from '../../../../gateway/registry/registry.store';
import { mergedUsage, type UsageSource } from '../../../../gateway/registry/usage-sources';
import { draft, LEDGER_BACKENDS, openTestLedger } from '../audit/ledger-fixtures';
import { BACKENDS, imigrasiWith, openSeededRegistry } from './registry-fixtures';

function source(entries: CoordinateUsage[]): UsageSource {
  return { usageSince: async () => new Map(entries.map((entry) => [entry.coordinate, entry])) };
}

describe('usage from several sources', () => {
  it('merges without adding up the same operations twice: the larger count, every client, the latest use', async () => {
    const merged = mergedUsage([
      source([{ coordinate: 'Passport.expiresOn', count: 3, clients: ['kiosk'], lastUsedAt: '2026-11-20T00:00:00.000Z' }]),
      source([
        { coordinate: 'Passport.expiresOn', count: 5, clients: ['counter-a', 'kiosk'], lastUsedAt: '2026-11-27T00:00:00.000Z' },
        { coordinate: 'Vehicle.plate', count: 1, clients: ['samsat'], lastUsedAt: '2026-11-01T00:00:00.000Z' },
      ]),
    ]);
    const usage = await merged.usageSince('2026-11-01T00:00:00.000Z');
    expect(usage.get('Passport.expiresOn')).toEqual({ coordinate: 'Passport.expiresOn', count: 5, clients: ['counter-a', 'kiosk'], lastUsedAt: '2026-11-27T00:00:00.000Z' });
    expect(usage.get('Vehicle.plate')?.clients).toEqual(['samsat']);
  });

  describe.each(LEDGER_BACKENDS.map((backend, index) => [backend.name, backend, BACKENDS[index]!] as const))('on %s', (_name, ledgerBackend, registryBackend) => {
    it('fails a breaking removal of a field only the access ledger saw used, naming the ledger\'s client', async () => {
      const registry = await openSeededRegistry(registryBackend);
      const ledger = await openTestLedger(ledgerBackend);
      try {
        // The registry's usage table is empty: only the ledger knows a counter read Passport.expiresOn.
        await ledger.ledger.append(draft({ clientId: 'counter-7', coordinates: ['Citizen.passports', 'Passport.expiresOn', 'Query.citizen'] }));
        const usage = mergedUsage([registry.store, ledgerUsageSource(new LedgerReader(ledger.db))]);
        const candidate = imigrasiWith('number: String! @personalData(category: TRAVEL)');
        const withLedger = await checkSubgraph({ snapshot: () => registry.store.snapshot(), usageSince: (since) => usage.usageSince(since) }, { subgraph: 'imigrasi', sdl: candidate });
        expect(withLedger.passed).toBe(false);
        expect(withLedger.failures).toEqual([expect.stringMatching(/^breaking change to Passport\.expiresOn, used 1 time in the last 30 days by counter-7/)]);
        const registryOnly = await checkSubgraph(registry.store, { subgraph: 'imigrasi', sdl: candidate });
        expect(registryOnly.passed).toBe(true);
      } finally {
        await ledger.cleanup();
        await registry.close();
      }
    });
  });

  it('satu check and publish read the access ledger in the gateway database when there is one, and only the registry otherwise', async () => {
    const registry = await openSeededRegistry(BACKENDS[0]!);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'satu-command-usage-'));
    try {
      const none = await openCommandUsage({ SATU_DATABASE_URL: path.join(dir, 'no-such.sqlite') }, registry.store);
      expect(none.description).toBe("the registry's usage table");
      await none.close();

      const ledger = await openTestLedger(LEDGER_BACKENDS[0]!);
      try {
        await ledger.ledger.append(draft({ clientId: 'counter-9', coordinates: ['Passport.expiresOn'] }));
        const withLedger = await openCommandUsage({ SATU_DATABASE_URL: ledger.location }, registry.store);
        try {
          expect(withLedger.description).toContain('the access ledger at');
          const usage = await withLedger.usage.usageSince(new Date(Date.now() - 86_400_000).toISOString());
          expect(usage.get('Passport.expiresOn')?.clients).toEqual(['counter-9']);
        } finally {
          await withLedger.close();
        }
      } finally {
        await ledger.cleanup();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await registry.close();
    }
  });
});

import path from 'node:path';
import { LedgerReader } from '../../../../gateway/audit/ledger-reader';
import { ledgerUsageSince, ledgerUsageSource } from '../../../../gateway/audit/registry-usage';
import { openRegistry } from '../../../../gateway/registry/registry.store';
import { TempDirs } from '../../../support/temp-dir';
import { draft, LEDGER_BACKENDS, openTestLedger, operationHashOf, type OpenedLedger } from './ledger-fixtures';

const CITIZEN = operationHashOf('query A { citizen(nik: $nik) { fullName vehicles { plateNumber } } }');
const NAMES = operationHashOf('query B { citizen(nik: $nik) { fullName } }');

/** What the ledger records: (time, client, operation, coordinates), in four hours. */
const OPERATIONS = [
  { time: '2026-12-05T02:00:00.000Z', clientId: 'counter', operationHash: CITIZEN, coordinates: ['Citizen.fullName', 'Citizen.vehicles', 'Query.citizen', 'Vehicle.plateNumber'] },
  { time: '2026-12-05T03:10:00.000Z', clientId: 'counter', operationHash: CITIZEN, coordinates: ['Citizen.fullName', 'Citizen.vehicles', 'Query.citizen', 'Vehicle.plateNumber'] },
  { time: '2026-12-05T04:20:00.000Z', clientId: 'samsat-app', operationHash: NAMES, coordinates: ['Citizen.fullName', 'Query.citizen'] },
  { time: '2026-12-05T05:30:00.000Z', clientId: 'counter', operationHash: NAMES, coordinates: ['Citizen.fullName', 'Query.citizen'] },
];

describe.each(LEDGER_BACKENDS)('field usage from the ledger for the registry on $name', (backend) => {
  let t: OpenedLedger;
  const dirs = new TempDirs();

  beforeAll(async () => {
    t = await openTestLedger(backend);
    for (const operation of OPERATIONS) await t.ledger.append(draft({ time: new Date(operation.time), clientId: operation.clientId, operationHash: operation.operationHash, coordinates: operation.coordinates }));
  });

  afterAll(async () => {
    await t.cleanup();
    dirs.removeAll();
  });

  it('aggregates per (operation, coordinate, client) from the hour of a time on, with the count and the last use', async () => {
    const usage = await ledgerUsageSince(new LedgerReader(t.db), '2026-12-05T03:45:00Z');
    // Ordered by coordinate, client, then operation hash; the 02:00 operation is before the window.
    expect(usage.filter((row) => row.coordinate === 'Citizen.fullName')).toEqual([
      ...[
        { operationHash: CITIZEN, coordinate: 'Citizen.fullName', client: 'counter', count: 1, lastUsedAt: '2026-12-05T03:10:00.000Z' },
        { operationHash: NAMES, coordinate: 'Citizen.fullName', client: 'counter', count: 1, lastUsedAt: '2026-12-05T05:30:00.000Z' },
      ].sort((a, b) => a.operationHash.localeCompare(b.operationHash)),
      { operationHash: NAMES, coordinate: 'Citizen.fullName', client: 'samsat-app', count: 1, lastUsedAt: '2026-12-05T04:20:00.000Z' },
    ]);
    // From 03:00: the counter's CITIZEN at 03:10 (4 coordinates), NAMES by samsat-app (2) and by the counter (2).
    expect(usage.length).toBe(4 + 2 + 2);
    expect((await ledgerUsageSince(new LedgerReader(t.db), '2026-12-05T00:00:00Z')).find((row) => row.coordinate === 'Vehicle.plateNumber')).toMatchObject({ count: 2, lastUsedAt: '2026-12-05T03:10:00.000Z' });
    expect(await ledgerUsageSince(new LedgerReader(t.db), '2026-12-05T06:00:00Z')).toEqual([]);
    await expect(ledgerUsageSince(new LedgerReader(t.db), 'last week')).rejects.toThrow('usage since must be an ISO-8601 instant, not "last week"');
  });

  it("answers the registry check's usage question in the registry's shape, equal to the registry's own table over the same usage", async () => {
    const registry = await openRegistry(path.join(dirs.make('satu-usage-registry-'), 'registry.sqlite'));
    try {
      for (const operation of OPERATIONS) {
        await registry.recordUsage(
          operation.coordinates.map((coordinate) => ({ operationHash: operation.operationHash, coordinate, client: operation.clientId })),
          operation.time,
        );
      }
      // Over all the data the two agree exactly. For a later window the ledger counts only the uses
      // in it, where the registry's table (one running total per key) counts every use of a key used since.
      const since = '2026-12-05T00:00:00.000Z';
      expect(await ledgerUsageSource(new LedgerReader(t.db)).usageSince(since)).toEqual(await registry.usageSince(since));
      const later = '2026-12-05T03:00:00.000Z';
      expect((await ledgerUsageSource(new LedgerReader(t.db)).usageSince(later)).get('Citizen.vehicles')).toEqual({ coordinate: 'Citizen.vehicles', count: 1, clients: ['counter'], lastUsedAt: '2026-12-05T03:10:00.000Z' });
      expect((await registry.usageSince(later)).get('Citizen.vehicles')).toMatchObject({ count: 2 });
    } finally {
      await registry.close();
    }
  });
});

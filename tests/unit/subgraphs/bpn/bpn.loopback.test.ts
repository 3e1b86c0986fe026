import fs from 'node:fs';
import path from 'node:path';
import { agency } from '../../../../subgraphs/bpn';
import type { BpnSimulator } from '../../../../subgraphs/bpn/legacy/bpn.simulator';
import { startBpnSubgraph, type RunningBpnSubgraph } from '../../../../subgraphs/bpn/bpn.server';
import { postEntities } from '../../../support/agency-loopback';
import { makeTempDir, removeTempDir } from '../../../support/temp-dir';
import { FIXTURE_DUMP, HUSBAND, SOLE_HOLDER, UNKNOWN, WIFE } from './bpn-fixtures';

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Citizen {
      nik
      landParcels {
        certificateNumber parcelId rightType areaSquareMeters village district regency registeredOn rightExpiresOn ownershipShare ownerName
        coOwners { nik landParcels { certificateNumber ownershipShare ownerName } }
      }
    }
  }
}`;

interface EntitiesAnswer {
  data?: { _entities: Array<{ nik: string; landParcels: Array<Record<string, unknown>> | null }> };
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

let dataDir: string;
let simulator: BpnSimulator;
let subgraph: RunningBpnSubgraph;

async function ask(niks: readonly string[]): Promise<EntitiesAnswer> {
  return postEntities<EntitiesAnswer>(subgraph.url, ENTITIES, niks);
}

beforeAll(async () => {
  // A data directory written by hand: bpn/bpn.sql as the README describes it.
  dataDir = makeTempDir('bpn-loopback-', 'bpn');
  fs.writeFileSync(path.join(dataDir, 'bpn', 'bpn.sql'), FIXTURE_DUMP);
  simulator = (await agency.startSimulator({ dataDir, host: '127.0.0.1', port: 0 })) as BpnSimulator;
  subgraph = await startBpnSubgraph({ host: '127.0.0.1', port: 0, legacyLocation: simulator.url, legacyTimeoutMs: 300 });
});

afterAll(async () => {
  await subgraph?.stop();
  await simulator?.stop();
  removeTempDir(dataDir);
});

describe('bpn on loopback (SQLite KKP database + subgraph)', () => {
  it('answers _entities with parcels, [] for an unknown NIK, co-owners as citizens; one query per batch', async () => {
    expect(simulator.dialect).toBe('sqlite');
    const before = subgraph.client.queryCount;
    const answer = await ask([SOLE_HOLDER, HUSBAND, UNKNOWN]);
    expect(answer.errors).toBeUndefined();
    const [sole, husband, unknown] = answer.data!._entities;
    expect(sole!.landParcels!.map((parcel) => [parcel.certificateNumber, parcel.rightType, parcel.registeredOn, parcel.rightExpiresOn])).toEqual([
      ['04050302300077', 'HGB', '2015-06-05', '2045-06-05'],
      ['04051101100123', 'HM', '2012-03-14', null],
    ]);
    expect(husband).toEqual({
      nik: HUSBAND,
      landParcels: [
        {
          certificateNumber: '04010201100042',
          parcelId: '0401020100077',
          rightType: 'HM',
          areaSquareMeters: 20000,
          village: 'RIMBO PANJANG',
          district: 'TAMBANG',
          regency: 'KABUPATEN KAMPAR',
          registeredOn: '2009-11-30',
          rightExpiresOn: null,
          ownershipShare: '1/2',
          ownerName: 'H. SYAMSUL BAHRI',
          // The co-owner is a Citizen reference; walking it back into bpn is one more batch.
          coOwners: [{ nik: WIFE, landParcels: [{ certificateNumber: '04010201100042', ownershipShare: '1/2', ownerName: 'NURHAYATI' }] }],
        },
      ],
    });
    expect(unknown).toEqual({ nik: UNKNOWN, landParcels: [] });
    expect(subgraph.client.queryCount - before).toBe(2);
  });

  it.each([
    ['errorRate', 'AGENCY_UNAVAILABLE'],
    ['hangRate', 'AGENCY_TIMEOUT'],
    ['malformedRate', 'AGENCY_BAD_RESPONSE'],
  ])('with %s = 1, landParcels is null with %s and the agency, per entity', async (fault, code) => {
    simulator.setFaults({ [fault]: 1 });
    try {
      const answer = await ask([SOLE_HOLDER, UNKNOWN]);
      expect(answer.data?._entities).toEqual([
        { nik: SOLE_HOLDER, landParcels: null },
        { nik: UNKNOWN, landParcels: null },
      ]);
      expect(answer.errors?.map((error) => [error.path, error.extensions?.code, error.extensions?.agency])).toEqual([
        [['_entities', 0, 'landParcels'], code, 'bpn'],
        [['_entities', 1, 'landParcels'], code, 'bpn'],
      ]);
      // The client sees the catalogue text, never paths, SQL or driver messages.
      expect(JSON.stringify(answer.errors)).not.toMatch(/sqlite|v_bidang|SQLITE|\/tmp|no such/i);
    } finally {
      simulator.setFaults({ [fault]: 0 });
    }
    expect((await ask([SOLE_HOLDER])).errors).toBeUndefined();
  });

  it('gives AGENCY_UNAVAILABLE when the simulator (the database) is gone', async () => {
    await simulator.stop();
    const answer = await ask([HUSBAND]);
    expect(answer.data?._entities).toEqual([{ nik: HUSBAND, landParcels: null }]);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'AGENCY_UNAVAILABLE', agency: 'bpn' });
  });
});

describe('bpn subgraph start', () => {
  it('refuses a legacyLocation that is neither a file path nor a PostgreSQL URL', async () => {
    await expect(agency.startSubgraph({ host: '127.0.0.1', port: 0, legacyLocation: 'mysql://kkp@127.0.0.1/kkp', legacyTimeoutMs: 300 })).rejects.toThrow(
      /unsupported scheme "mysql:".*PostgreSQL URL/,
    );
  });
});

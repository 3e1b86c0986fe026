import fs from 'node:fs';
import path from 'node:path';
import { BpnKkpClient } from '../../../../subgraphs/bpn/bpn-kkp.client';
import { DIALECTS } from './kkp-test-databases';

/** The README's example bpn.sql, taken from the README itself so the two cannot drift apart. */
const README = fs.readFileSync(path.join(__dirname, '../../../../subgraphs/bpn/README.md'), 'utf8');
const EXAMPLE = /```sql\n(CREATE TABLE ref_jenis_hak[^]*?)```/.exec(README)?.[1] ?? '';

describe.each(DIALECTS)("the README's example bpn.sql on %s", (_name, makeDatabases) => {
  const databases = makeDatabases();
  afterAll(() => databases.cleanup());

  it('loads and reads as the README says', async () => {
    expect(EXAMPLE).toContain('CREATE VIEW v_bidang_tanah_pemilik');
    const client = new BpnKkpClient({ location: await databases.create(EXAMPLE), timeoutMs: 2000 });
    try {
      const found = await client.findParcels(['1471081203850001', '1471020101800003', '1471024502820004']);
      expect(found.get('1471081203850001')?.map((parcel) => [parcel.certificateNumber, parcel.rightType, parcel.areaSquareMeters, parcel.registeredOn, parcel.ownershipShare])).toEqual([
        ['04051101100123', 'HM', 250, '2012-03-14', '1/1'],
      ]);
      expect(found.get('1471020101800003')?.map((parcel) => [parcel.certificateNumber, parcel.parcelId, parcel.registeredOn, parcel.ownershipShare, parcel.coOwnerNiks])).toEqual([
        ['04010201100042', '0401020100077', '2009-11-30', '1/2', ['1471024502820004']],
      ]);
      expect(found.get('1471024502820004')?.[0]?.coOwnerNiks).toEqual(['1471020101800003']);
    } finally {
      await client.close();
    }
  });
});

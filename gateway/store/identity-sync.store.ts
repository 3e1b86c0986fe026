import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { GatewayDatabase } from './database';

/** One compared copy: the verdict for (citizen, agency, attribute) in one identity check. */
export interface IdentityObservation {
  nik: string;
  agency: string;
  attribute: string;
  verdict: 'MATCH' | 'VARIANT' | 'MISMATCH' | 'INCOMPLETE';
  registryValue: string | null;
  agencyValue: string | null;
  reason: string;
}

export interface SyncRequest {
  id: string;
  nik: string;
  agency: string;
  attribute: string;
  registryValue: string | null;
  agencyValue: string | null;
  reason: string;
  status: 'OPEN' | 'CLOSED';
  openedAt: string;
  closedAt: string | null;
}

export interface AttributeQuality {
  attribute: string;
  checkedCitizens: number;
  agreeing: number;
  /** Share of checked citizens whose copy agrees with the registry (MATCH or VARIANT). */
  share: number;
}

/**
 * Synchronization requests and data-quality figures (issue 4, item 5). Each MISMATCH opens one
 * request per (NIK, agency, attribute); a later check that finds the copies agree closes it.
 */
export class IdentitySyncStore {
  constructor(private readonly db: GatewayDatabase) {}

  /** Records one batch of observations in one transaction. */
  async record(observations: readonly IdentityObservation[], at: string = new Date().toISOString()): Promise<void> {
    if (observations.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const observation of observations) {
        await trx
          .insertInto('identity_observations')
          .values({ nik: observation.nik, agency: observation.agency, attribute: observation.attribute, verdict: observation.verdict, checked_at: at })
          .onConflict((conflict) =>
            conflict.columns(['nik', 'agency', 'attribute']).doUpdateSet({ verdict: observation.verdict, checked_at: at, version: sql`identity_observations.version + 1` }),
          )
          .execute();
        if (observation.verdict === 'MISMATCH') {
          const updated = await trx
            .updateTable('sync_requests')
            .set({ registry_value: observation.registryValue, agency_value: observation.agencyValue, reason: observation.reason, updated_at: at })
            .where('nik', '=', observation.nik)
            .where('agency', '=', observation.agency)
            .where('attribute', '=', observation.attribute)
            .where('status', '=', 'OPEN')
            .executeTakeFirst();
          if (Number(updated.numUpdatedRows) === 0) {
            await trx
              .insertInto('sync_requests')
              .values({
                id: randomUUID(),
                nik: observation.nik,
                agency: observation.agency,
                attribute: observation.attribute,
                registry_value: observation.registryValue,
                agency_value: observation.agencyValue,
                reason: observation.reason,
                status: 'OPEN',
                opened_at: at,
                updated_at: at,
                closed_at: null,
              })
              // Another gateway may have opened it a moment ago: the partial unique index decides.
              .onConflict((conflict) => conflict.columns(['nik', 'agency', 'attribute']).where(sql.ref('status'), '=', sql.lit('OPEN')).doNothing())
              .execute();
          }
        } else if (observation.verdict === 'MATCH' || observation.verdict === 'VARIANT') {
          await trx
            .updateTable('sync_requests')
            .set({ status: 'CLOSED', closed_at: at, updated_at: at })
            .where('nik', '=', observation.nik)
            .where('agency', '=', observation.agency)
            .where('attribute', '=', observation.attribute)
            .where('status', '=', 'OPEN')
            .execute();
        }
      }
    });
  }

  async list(agency: string, status?: 'OPEN' | 'CLOSED', limit = 500): Promise<SyncRequest[]> {
    let query = this.db.selectFrom('sync_requests').selectAll().where('agency', '=', agency);
    if (status) query = query.where('status', '=', status);
    const rows = await query.orderBy('opened_at', 'desc').orderBy('id').limit(limit).execute();
    return rows.map((row) => ({
      id: row.id,
      nik: row.nik,
      agency: row.agency,
      attribute: row.attribute,
      registryValue: row.registry_value,
      agencyValue: row.agency_value,
      reason: row.reason,
      status: row.status,
      openedAt: row.opened_at,
      closedAt: row.closed_at,
    }));
  }

  async dataQuality(agency: string): Promise<AttributeQuality[]> {
    const rows = await this.db
      .selectFrom('identity_observations')
      .select((eb) => [
        'attribute',
        eb.fn.countAll<number>().as('checked'),
        eb.fn.sum<number>(eb.case().when('verdict', 'in', ['MATCH', 'VARIANT']).then(1).else(0).end()).as('agreeing'),
      ])
      .where('agency', '=', agency)
      .where('verdict', '!=', 'INCOMPLETE')
      .groupBy('attribute')
      .orderBy('attribute')
      .execute();
    return rows.map((row) => {
      const checked = Number(row.checked);
      const agreeing = Number(row.agreeing);
      return { attribute: row.attribute, checkedCitizens: checked, agreeing, share: checked === 0 ? 0 : agreeing / checked };
    });
  }
}

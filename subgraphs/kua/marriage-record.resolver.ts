import { FieldResolver, Resolver, Root } from 'type-graphql';
import { PersonalData, Source } from '../kit/directives';
import type { MarriageRecord as MarriageRecordData } from './kua.records';
import { KUA_EXPORT, KUA_SYSTEM } from './kua.system';
import { KuaCitizen } from './kua-citizen.type';
import { MarriageRecord } from './marriage-record.type';

@Resolver(() => MarriageRecord)
export class MarriageRecordResolver {
  /** A reference only: the gateway resolves the spouse's other fields from the agencies that own them. */
  @FieldResolver(() => KuaCitizen, {
    nullable: true,
    description: 'The other spouse as a Citizen (by spouseNik), to walk the graph; null when KUA holds no valid NIK for them.',
  })
  @Source(KUA_SYSTEM, KUA_EXPORT, 'NIK_ISTRI|NIK_SUAMI')
  @PersonalData('FAMILY')
  spouse(@Root() record: MarriageRecordData): KuaCitizen | null {
    return record.spouseNik === null ? null : { nik: record.spouseNik };
  }
}

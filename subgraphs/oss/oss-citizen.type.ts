import { Field, ObjectType } from 'type-graphql';
import { CitizenKey } from '../kit/directives';
import { NikScalar } from '../kit/scalars';

/**
 * oss's view of the shared Citizen entity: only the key. Its `businesses` field comes from
 * the resolver; co-owners of a business are references of this type (`{ nik }`), which the
 * gateway completes from the agencies that own the other Citizen fields.
 */
@ObjectType('Citizen')
@CitizenKey()
export class OssCitizen {
  @Field(() => NikScalar)
  nik!: string;
}

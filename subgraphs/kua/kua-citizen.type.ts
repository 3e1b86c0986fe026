import { Field, ObjectType } from 'type-graphql';
import { CitizenKey } from '../kit/directives';
import { NikScalar } from '../kit/scalars';

/**
 * KUA's extension of the shared Citizen entity (key: nik). Also the type of
 * `MarriageRecord.spouse`: a reference the gateway resolves through the other agencies.
 */
@ObjectType('Citizen')
@CitizenKey()
export class KuaCitizen {
  @Field(() => NikScalar)
  nik!: string;
}

import { Field, ObjectType } from 'type-graphql';
import { CitizenKey } from '../kit/directives';
import { NikScalar } from '../kit/scalars';

/** BPN's extension of the shared Citizen entity (key: nik); also the type of co-owner references. */
@ObjectType('Citizen')
@CitizenKey()
export class BpnCitizen {
  @Field(() => NikScalar)
  nik!: string;
}

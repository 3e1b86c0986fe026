import { Field, ObjectType } from 'type-graphql';
import { CitizenKey } from '../kit/directives';
import { NikScalar } from '../kit/scalars';

/** polri's view of the shared Citizen entity: only the key; its fields come from the resolver. */
@ObjectType('Citizen')
@CitizenKey()
export class PolriCitizen {
  @Field(() => NikScalar)
  nik!: string;
}

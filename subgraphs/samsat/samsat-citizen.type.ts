import { Field, ObjectType } from 'type-graphql';
import { CitizenKey } from '../kit/directives';
import { NikScalar } from '../kit/scalars';

/** SAMSAT's extension of the shared Citizen entity (key: nik). */
@ObjectType('Citizen')
@CitizenKey()
export class SamsatCitizen {
  @Field(() => NikScalar)
  nik!: string;
}

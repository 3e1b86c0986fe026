import { Field, ObjectType } from 'type-graphql';
import { CitizenKey } from '../kit/directives';
import { NikScalar } from '../kit/scalars';

/** DJP's extension of the shared Citizen entity (key: nik). */
@ObjectType('Citizen')
@CitizenKey()
export class DjpCitizen {
  @Field(() => NikScalar)
  nik!: string;
}

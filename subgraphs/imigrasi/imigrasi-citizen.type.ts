import { Field, ObjectType } from 'type-graphql';
import { CitizenKey } from '../kit/directives';
import { NikScalar } from '../kit/scalars';

/** imigrasi's view of the shared Citizen entity: only the key; `passports` comes from the resolver. */
@ObjectType('Citizen')
@CitizenKey()
export class ImigrasiCitizen {
  @Field(() => NikScalar)
  nik!: string;
}

import { Field, ObjectType } from 'type-graphql';
import { CitizenKey } from '../kit/directives';
import { NikScalar } from '../kit/scalars';

/** bpjs-ketenagakerjaan's view of the shared Citizen entity: only the key; its field comes from the resolver. */
@ObjectType('Citizen')
@CitizenKey()
export class BpjsKetenagakerjaanCitizen {
  @Field(() => NikScalar)
  nik!: string;
}

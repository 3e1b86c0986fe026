import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { Arg, Field, FieldResolver, ObjectType, Query, Resolver, Root, getMetadataStorage } from 'type-graphql';
import { buildSatuSubgraph } from '../../../../subgraphs/kit/build-subgraph';
import { CitizenKey, IdentityClaim, PersonalData, Source } from '../../../../subgraphs/kit/directives';
import { NikScalar } from '../../../../subgraphs/kit/scalars';

afterAll(() => getMetadataStorage().clear());

@ObjectType('Pet')
class Pet {
  @Field()
  @Source('PETREG', 'getPets', 'PET_NAME')
  @PersonalData('IDENTITY')
  @IdentityClaim('FULL_NAME')
  ownerName!: string;
}

@ObjectType('Citizen')
@CitizenKey()
class PetCitizen {
  @Field(() => NikScalar)
  nik!: string;
}

@Resolver(() => PetCitizen)
class PetResolver {
  @Query(() => PetCitizen, { nullable: true })
  petOwner(@Arg('nik', () => NikScalar) nik: string): PetCitizen {
    return { nik };
  }

  @FieldResolver(() => [Pet], { nullable: true })
  @Source('PETREG', 'getPets', 'PETS')
  pets(@Root() citizen: PetCitizen): Pet[] {
    return [{ ownerName: `owner of ${citizen.nik}` }];
  }
}

describe('buildSatuSubgraph', () => {
  it('prints @key and our directives, and the SDL composes into a supergraph keeping them', async () => {
    const built = await buildSatuSubgraph({
      name: 'pets',
      resolvers: [PetResolver],
      orphanedTypes: [PetCitizen],
      referenceResolvers: { Citizen: (reference) => ({ ...reference }) },
    });
    expect(built.sdl).toContain('@key(fields: "nik")');
    expect(built.sdl).toContain('@source(system: "PETREG", operation: "getPets", field: "PETS")');
    expect(built.sdl).toContain('@identityClaim(attribute: FULL_NAME)');

    const composed = composeServices([{ name: 'pets', typeDefs: parse(built.sdl), url: 'http://127.0.0.1:1/graphql' }]);
    expect(composed.errors ?? []).toEqual([]);
    expect(composed.supergraphSdl).toContain('@personalData(category: IDENTITY)');
    expect(composed.supergraphSdl).toContain('@source(system: "PETREG", operation: "getPets", field: "PETS")');
  });
});

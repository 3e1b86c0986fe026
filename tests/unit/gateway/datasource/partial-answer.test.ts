import { partialAnswer } from '../../../../gateway/datasource/partial-answer';

describe('partialAnswer', () => {
  it('answers an _entities fetch with an explicit null per requested field and an error at each path', () => {
    const query =
      'query Citizen__imigrasi__1($representations:[_Any!]!){_entities(representations:$representations){...on Citizen{passports{number holderName} other:passports{number}}}}';
    const answer = partialAnswer(
      query,
      { representations: [{ __typename: 'Citizen', nik: '1471080101900001' }, { __typename: 'Citizen', nik: '1471084101900002' }] },
      'imigrasi',
      'AGENCY_TIMEOUT',
    );
    expect(answer.data).toEqual({
      _entities: [
        { __typename: 'Citizen', passports: null, other: null },
        { __typename: 'Citizen', passports: null, other: null },
      ],
    });
    expect(answer.errors.map((error) => error.path)).toEqual([
      ['_entities', 0, 'passports'],
      ['_entities', 0, 'other'],
      ['_entities', 1, 'passports'],
      ['_entities', 1, 'other'],
    ]);
    expect(answer.errors.every((error) => error.extensions.code === 'AGENCY_TIMEOUT' && error.extensions.agency === 'imigrasi')).toBe(true);
  });

  it('answers a root-field fetch with null per root field (aliases respected)', () => {
    const answer = partialAnswer('query Q__dukcapil__0{a:citizen(nik:"1471080101900001"){nik} citizens(niks:[]){nik}}', {}, 'dukcapil', 'AGENCY_UNAVAILABLE');
    expect(answer.data).toEqual({ a: null, citizens: null });
    expect(answer.errors.map((error) => error.path)).toEqual([['a'], ['citizens']]);
    expect(answer.errors[0]?.message).toContain('dukcapil');
  });

  it('gives no fields for a representation of a type the fetch did not select', () => {
    const answer = partialAnswer(
      'query($representations:[_Any!]!){_entities(representations:$representations){...on Citizen{vehicles{plateNumber}}}}',
      { representations: [{ __typename: 'Vehicle', id: '1' }] },
      'samsat',
      'AGENCY_BAD_RESPONSE',
    );
    expect(answer.data).toEqual({ _entities: [{ __typename: 'Vehicle' }] });
    expect(answer.errors).toEqual([]);
  });
});

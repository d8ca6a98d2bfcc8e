import { plainToInstance, Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsString, Matches, MaxLength, ValidateNested, validate } from 'class-validator';
import { fieldErrors } from './field-error';

class Person {
  @IsString() @MaxLength(5) name!: string;
}

class Input {
  @IsString() @MaxLength(10) title!: string;
  @IsIn(['a', 'b']) kind!: string;
  @Matches(/^\d{6}$/) code!: string;
  @ArrayMaxSize(1) @ValidateNested({ each: true }) @Type(() => Person) people!: Person[];
}

describe('fieldErrors', () => {
  it('names each failed rule with the arguments its decorator was given, and bracketed array paths', async () => {
    const input = plainToInstance(Input, { title: '长'.repeat(11), kind: 'c', code: '36', people: [{ name: '太长的名字啊' }, { name: 'x' }], extra: 1 });
    const errors = await validate(input, { whitelist: true, forbidNonWhitelisted: true });
    const out = fieldErrors(errors);
    expect(out).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'title', code: 'maxLength', params: { max: 10 } }),
        expect.objectContaining({ field: 'kind', code: 'isIn', params: { values: ['a', 'b'] } }),
        expect.objectContaining({ field: 'code', code: 'matches', params: { pattern: '^\\d{6}$' } }),
        expect.objectContaining({ field: 'people', code: 'arrayMaxSize', params: { max: 1 } }),
        expect.objectContaining({ field: 'people[0].name', code: 'maxLength', params: { max: 5 } }),
        expect.objectContaining({ field: 'extra', code: 'whitelistValidation', params: {} }),
      ]),
    );
    expect(out.every((e) => e.message.startsWith(`${e.field}: `))).toBe(true);
  });
});

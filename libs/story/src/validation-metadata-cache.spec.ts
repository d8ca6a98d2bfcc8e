import 'reflect-metadata';
import { Type } from 'class-transformer';
import { getMetadataStorage, IsInt, IsString, Matches, Min, validate, ValidateNested } from 'class-validator';
import { ObjectValidationError, validateObject } from './validate-object';
import { cacheValidationMetadata } from './validation-metadata-cache';

class Base {
  @Matches(/^\d{6}$/)
  code!: string;
}

class Child extends Base {
  @IsInt()
  @Min(1)
  version!: number;
}

class Holder {
  @ValidateNested()
  @Type(() => Child)
  child!: Child;
}

const fail = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a validation error');
    },
    (e: ObjectValidationError) => e.fields,
  );

describe('cacheValidationMetadata', () => {
  it('is installed by validateObject and installing it again changes nothing', () => {
    const lookup = getMetadataStorage().getTargetValidationMetadatas;
    cacheValidationMetadata();
    expect(getMetadataStorage().getTargetValidationMetadatas).toBe(lookup);
  });

  it('keeps inherited and nested rules, and the whitelist, call after call', async () => {
    for (let i = 0; i < 3; i++) {
      await expect(validateObject(Holder, { child: { code: '360100', version: 2 } })).resolves.toBeInstanceOf(Holder);
      expect((await fail(validateObject(Holder, { child: { code: '3601', version: 0 } }))).sort()).toEqual([
        'child.code: code must match /^\\d{6}$/ regular expression',
        'child.version: version must not be less than 1',
      ]);
      expect(await fail(validateObject(Child, { code: '360100', version: 1, extra: 'x' }))).toEqual(['extra: property extra should not exist']);
    }
  });

  it('answers one list per class, its own rules and inherited ones', () => {
    const storage = getMetadataStorage();
    // As validate() asks (no schema), and with a schema name, which takes the keyed path.
    const cached = storage.getTargetValidationMetadatas(Child, undefined as unknown as string, false, false);
    expect(storage.getTargetValidationMetadatas(Child, undefined as unknown as string, false, false)).toBe(cached);
    expect(storage.getTargetValidationMetadatas(Child, '', false, false)).toEqual(cached);
    expect(cached.map((m) => `${m.propertyName}:${m.name ?? m.type}`).sort()).toEqual(['code:matches', 'version:isInt', 'version:min']);
  });

  it('sees a class whose rules are registered after the first validations', async () => {
    await validateObject(Child, { code: '360100', version: 1 });
    class Later extends Child {
      @IsString()
      note!: string;
    }
    expect(await fail(validateObject(Later, { code: '360100', version: 1, note: 7 }))).toEqual(['note: note must be a string']);
  });

  it('keeps validation groups apart', async () => {
    class Grouped {
      @IsInt({ groups: ['strict'] })
      n!: unknown;

      @IsString({ groups: ['loose'] })
      s!: unknown;
    }
    const o = Object.assign(new Grouped(), { n: 'x', s: 'ok' });
    expect(await validate(o, { groups: ['strict'] })).toHaveLength(1);
    expect(await validate(o, { groups: ['loose'] })).toHaveLength(0);
    expect(await validate(o, { groups: ['strict'] })).toHaveLength(1);
  });
});

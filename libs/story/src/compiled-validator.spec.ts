import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsDefined, IsInt, IsOptional, IsString, Min, validate, ValidateIf, ValidateNested } from 'class-validator';
import { EVENT_CATALOG, EventEnvelopeHead, ReviewDecided, StoryPooled, StorySubmitted } from '@syn/contracts';
import type { StorySnapshot } from '@syn/contracts';
import { compiledValidate, hasCompiledPlan } from './compiled-validator';
import { contentHash } from './content-hash';
import { flattenValidationErrors, ObjectValidationError, validateObject } from './validate-object';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** What validateObject answered before the compiled plan: class-transformer, then class-validator with the whitelist. */
async function reference(cls: new () => object, plain: object): Promise<{ instance?: object; fields?: string[] }> {
  const instance = plainToInstance(cls, plain);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  return errors.length ? { fields: flattenValidationErrors(errors) } : { instance };
}

/**
 * Both ways for one sample: what the compiled plan accepts, class-validator accepts, into the same instance.
 * The plan may leave a valid object to class-validator (`defers`: shapes it does not model, such as a key
 * class-transformer drops), never accept an invalid one.
 */
async function expectSame(cls: new () => object, plain: object, defers = false): Promise<boolean> {
  const ref = await reference(cls, structuredClone(plain));
  const fast = compiledValidate(cls, structuredClone(plain));
  if (ref.instance) {
    if (defers) {
      expect(fast).toBeUndefined();
      await expect(validateObject(cls, structuredClone(plain))).resolves.toStrictEqual(ref.instance);
      return true;
    }
    expect(fast).toBeDefined();
    expect(fast).toStrictEqual(ref.instance);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(ref.instance));
  } else {
    expect(fast).toBeUndefined();
    // validateObject then names the fields exactly as class-validator does.
    const e = await validateObject(cls, structuredClone(plain)).then(
      () => undefined,
      (err: ObjectValidationError) => err,
    );
    expect(e?.fields).toEqual(ref.fields);
  }
  return !!ref.instance;
}

function snapshot(over: Record<string, Json> = {}): StorySnapshot {
  const base = {
    title: '赣州：大稿库让县级好稿走得更远',
    summary: null,
    body: '<p>赣州市融媒体中心……</p>',
    byline: '记者 刘敏 通讯员 陈晓',
    authors: [{ name: '刘敏', role: 'reporter' as const }, { name: '陈晓' }],
    category: '时政',
    tags: ['媒体融合', '大稿库'],
    regionCode: '360702',
    mediaRefs: [
      { url: 'media:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', kind: 'image' as const, caption: '现场' },
      { url: 'https://example.org/a.mp4', kind: 'video' as const },
    ],
    priority: 'normal' as const,
    embargoUntil: null,
  };
  return {
    ...base,
    id: '0192f5a8-7b7e-7c3e-9a51-3f1c2d4e5f60',
    originCode: '360702',
    version: 2,
    contentHash: contentHash(base),
    createdAt: '2026-11-30T05:00:00.000Z',
    updatedAt: '2026-11-30T05:01:00.000Z',
    topicId: '0192f5a8-7b7e-7c3e-9a51-3f1c2d4e5f61',
    ...over,
  } as StorySnapshot;
}

const samples: [new () => object, object][] = [
  [EventEnvelopeHead, { id: '0192f5a8-7b7e-7c3e-9a51-3f1c2d4e5f62', type: 'story.pooled', sender: '360700', occurredAt: '2026-11-30T05:02:00.000Z' }],
  [StorySubmitted, { story: snapshot(), submittedBy: '刘敏', submittedAt: '2026-11-30T05:02:00.000Z' }],
  [
    StoryPooled,
    {
      story: snapshot(),
      hubCode: '360700',
      pooledBy: 'system',
      pooledAt: '2026-11-30T05:02:00.000Z',
      edition: 0,
      text: { titleWords: '赣州 大稿 稿库 大稿库', summaryWords: '', bodyWords: '赣州市 融媒体 中心', simhash: '-4611686018427387904' },
    },
  ],
  [
    ReviewDecided,
    {
      storyId: '0192f5a8-7b7e-7c3e-9a51-3f1c2d4e5f60',
      version: 2,
      hubCode: '360700',
      decision: 'returned',
      reason: '请补充来源',
      decidedBy: '编辑',
      decidedAt: '2026-11-30T05:02:00.000Z',
    },
  ],
];

/** Every leaf and object of a sample, each replaced by values class-validator should refuse or may accept. */
function* mutations(value: Json, path: string[] = []): Generator<[string[], Json | undefined]> {
  const bad: (Json | undefined)[] = [
    undefined,
    null,
    '',
    'x'.repeat(1001),
    0,
    -1,
    1.5,
    2_000_000,
    true,
    [],
    {},
    ['a'],
    [{}],
    '2026-13-40',
    'not-a-uuid',
    '１２３４５６',
  ];
  for (const b of bad) yield [path, b];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* mutations(value[i], [...path, String(i)]);
  } else if (value !== null && typeof value === 'object') {
    yield [[...path, 'extra'], 'unexpected'];
    yield [[...path, 'constructor'], 'x'];
    for (const [k, v] of Object.entries(value)) yield* mutations(v, [...path, k]);
  }
}

function mutate(root: object, path: string[], to: Json | undefined): object {
  const copy = structuredClone(root) as Record<string, unknown>;
  if (!path.length) return copy;
  let at = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
  if (to === undefined && Array.isArray(at)) at.splice(Number(path[path.length - 1]), 1);
  else if (to === undefined) delete at[path[path.length - 1]];
  else at[path[path.length - 1]] = to;
  return copy;
}

describe('compiledValidate', () => {
  it.each(samples.map(([cls, s]) => [cls.name, cls, s] as const))(
    'accepts a valid %s as class-validator does, into the same instance',
    async (_name, cls, sample) => {
      expect(await expectSame(cls, sample)).toBe(true);
    },
  );

  it.each(samples.map(([cls, s]) => [cls.name, cls, s] as const))('agrees with class-validator on every mutation of %s', async (_name, cls, sample) => {
    let accepted = 0;
    let refused = 0;
    for (const [path, to] of mutations(sample as Json)) {
      if (!path.length) continue;
      const plain = mutate(sample, path, to);
      // Left to class-validator: a key named like a prototype member (plainToInstance drops it, so class-validator
      // never sees it) and an array inside a list of nested objects (class-validator walks into it; `[]` passes).
      const last = path[path.length - 1];
      if (await expectSame(cls, plain, last === 'constructor' || (Array.isArray(to) && /^\d+$/.test(last)))) accepted++;
      else refused++;
    }
    expect(refused).toBeGreaterThan(50);
    expect(accepted).toBeGreaterThan(0); // optional fields left out or nulled
  });

  it('compiles every event payload of the catalog', () => {
    // A catalog class the plan cannot model would fall back to class-validator on every message, silently slower.
    const uncompiled = Object.entries(EVENT_CATALOG)
      .filter(([, def]) => !hasCompiledPlan(def.payload))
      .map(([type]) => type);
    expect(uncompiled).toEqual([]);
  });

  describe('shapes the plan leaves to class-validator', () => {
    class Leaf {
      @IsInt()
      @Min(1)
      n!: number;
    }
    class WithDefined {
      @IsDefined()
      a!: string;
    }
    class WithCondition {
      @IsString()
      kind!: string;

      @ValidateIf((o: WithCondition) => o.kind === 'needs')
      @IsString()
      reason?: string;

      @IsOptional()
      @ValidateNested({ each: true })
      @Type(() => Leaf)
      leaves?: Leaf[];
    }

    it('refuses what it does not model, and validateObject still answers as class-validator', async () => {
      expect(hasCompiledPlan(WithDefined)).toBe(false);
      expect(compiledValidate(WithDefined, { a: 'x' })).toBeUndefined();
      await expect(validateObject(WithDefined, { a: 'x' })).resolves.toBeInstanceOf(WithDefined);
      await expect(validateObject(WithDefined, {})).rejects.toThrow('a: a should not be null or undefined');
    });

    it('follows @ValidateIf, @IsOptional and nested arrays as class-validator does', async () => {
      for (const plain of [
        { kind: 'plain' },
        { kind: 'plain', reason: 3 },
        { kind: 'needs' },
        { kind: 'needs', reason: 'why' },
        { kind: 'plain', leaves: [] },
        { kind: 'plain', leaves: [{ n: 1 }, { n: 2 }] },
        { kind: 'plain', leaves: [{ n: 0 }] },
        { kind: 'plain', leaves: [{ n: 1, x: 1 }] },
        { kind: 'plain', leaves: [1] },
        { kind: 'plain', leaves: { n: 1 } },
        { kind: 'plain', leaves: null },
      ]) {
        await expectSame(WithCondition, plain);
      }
      // class-validator walks arrays nested in arrays; the plan leaves them to it.
      await expectSame(WithCondition, { kind: 'plain', leaves: [[{ n: 1 }]] }, true);
      expect(compiledValidate(WithCondition, { kind: 'plain', leaves: [{ n: 2 }] })).toStrictEqual(
        plainToInstance(WithCondition, { kind: 'plain', leaves: [{ n: 2 }] }),
      );
    });
  });
});

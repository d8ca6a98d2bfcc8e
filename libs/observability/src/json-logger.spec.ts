import { Writable } from 'node:stream';
import { JsonLogger } from './json-logger';

function capture(level: 'debug' | 'info'): { logger: JsonLogger; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = new JsonLogger('county', level, out);
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('JsonLogger', () => {
  it('writes Nest’s start-up inventory of modules and routes at debug, not info', () => {
    const info = capture('info');
    info.logger.log('Mapped {/api/v1/centers/:center/stories, POST} route', 'RouterExplorer');
    info.logger.log('CountyModule dependencies initialized', 'InstanceLoader');
    info.logger.log('Nest application successfully started', 'NestApplication');
    expect(info.lines().map((l) => [l.level, l.context])).toEqual([['info', 'NestApplication']]);

    const debug = capture('debug');
    debug.logger.log('Mapped {/api/v1/centers/:center/stories, POST} route', 'RouterExplorer');
    expect(debug.lines()).toMatchObject([{ level: 'debug', context: 'RouterExplorer', msg: 'Mapped {/api/v1/centers/:center/stories, POST} route' }]);
  });

  it('keeps the fields and the context of an ordinary line', () => {
    const info = capture('info');
    info.logger.log({ msg: 'story submitted', storyId: 'a1', center: '360702' }, 'Newsroom');
    expect(info.lines()).toMatchObject([{ level: 'info', service: 'county', context: 'Newsroom', msg: 'story submitted', storyId: 'a1', center: '360702' }]);
  });
});

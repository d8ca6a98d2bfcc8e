import { CenterDirectory } from '@syn/network';
import { TargetsController } from './targets.controller';

describe('TargetsController', () => {
  const directory = new CenterDirectory([
    { code: '360000', name: '江西省', level: 'province', parent: null },
    { code: '360700', name: '赣州市', level: 'city', parent: '360000', grpc: '127.0.0.1:50051' },
    { code: '360702', name: '章贡区', level: 'county', parent: '360700' },
    { code: '360703', name: '南康区', level: 'county', parent: '360700' },
  ]);
  const controller = new TargetsController(directory);

  it('offers a hub its direct children by name', () => {
    expect(controller.list('360700').items).toEqual([
      { code: '360702', name: '章贡区', level: 'county' },
      { code: '360703', name: '南康区', level: 'county' },
    ]);
    expect(controller.list('360000').items.map((c) => c.code)).toEqual(['360700']);
  });

  it('offers a county nobody', () => {
    expect(controller.list('360702').items).toEqual([]);
  });
});

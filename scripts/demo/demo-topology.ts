/** Which process hosts which centers in the demo, with their ports (matching deploy/network/jiangxi.json). */
export interface DemoProcess {
  name: string;
  kind: 'province' | 'city' | 'county';
  centers: string[];
  httpPort: number;
  grpcPort: number;
  /** The media byte server of a process whose centers have children (its centers' `media` address). */
  mediaPort?: number;
  database: string;
}

export const DEMO_PROCESSES: DemoProcess[] = [
  { name: 'province-江西', kind: 'province', centers: ['360000'], httpPort: 3000, grpcPort: 50100, mediaPort: 3400, database: 'syn_demo_province' },
  { name: 'city-赣州', kind: 'city', centers: ['360700'], httpPort: 3107, grpcPort: 50107, mediaPort: 3407, database: 'syn_demo_city_360700' },
  { name: 'city-南昌', kind: 'city', centers: ['360100'], httpPort: 3101, grpcPort: 50101, mediaPort: 3401, database: 'syn_demo_city_360100' },
  { name: 'city-九江', kind: 'city', centers: ['360400'], httpPort: 3104, grpcPort: 50104, mediaPort: 3404, database: 'syn_demo_city_360400' },
  {
    name: 'counties',
    kind: 'county',
    centers: ['360702', '360703', '360704', '360781', '360113', '360482'],
    httpPort: 3200,
    grpcPort: 50200,
    database: 'syn_demo_county',
  },
];

/** The roles a demo user may want a token for, per kind of center. */
export const DEMO_ROLES: Record<DemoProcess['kind'], Array<'reporter' | 'editor' | 'chief-editor' | 'curator' | 'desk-editor' | 'admin'>> = {
  province: ['desk-editor', 'admin'],
  city: ['curator', 'editor', 'chief-editor', 'admin'],
  county: ['reporter', 'editor', 'chief-editor', 'admin'],
};

import { Module } from '@nestjs/common';
import { PersistenceModule, PersistencePart } from '@syn/persistence';
import { persistencePartsOf } from './app-persistence-parts';

class FirstMigration1 {}
class SecondMigration2 {}
const first: PersistencePart = { entities: [], migrations: [FirstMigration1] };
const second: PersistencePart = { entities: [], migrations: [SecondMigration2] };

@Module({ imports: [PersistenceModule.forRoot({ parts: [first, second] })] })
class PlatformModule {}

describe('persistencePartsOf', () => {
  it('finds the parts given to PersistenceModule.forRoot through static and dynamic imports', () => {
    @Module({ imports: [{ module: PlatformModule, imports: [] }] })
    class AppModule {}
    expect(persistencePartsOf(AppModule)).toEqual([first, second]);
  });

  it('refuses an app whose module tree has no database, rather than checking nothing', () => {
    @Module({ imports: [] })
    class NoDatabaseModule {}
    expect(() => persistencePartsOf(NoDatabaseModule)).toThrow('NoDatabaseModule should configure PersistenceModule once, found 0');
  });
});

import { DistributionModule } from '@syn/distribution';
import { IndexAdoptableSource } from './index-adoptable.source';

/**
 * The provincial desk's adoption (选用): the shared adoption feature, reading stories from the
 * index of every pool in the province instead of one hub's pool. Topics and releases come with it.
 */
export const ProvinceDistributionModule = DistributionModule.forRoot({ adoptableSource: IndexAdoptableSource });

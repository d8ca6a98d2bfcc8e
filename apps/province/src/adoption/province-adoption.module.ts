import { DistributionModule } from '@syn/distribution';
import { IndexAdoptableSource } from './index-adoptable.source';
import { WeightsAdoptionPointsSource } from './weights-adoption-points.source';

/**
 * The provincial desk's adoption (选用): the shared adoption feature, reading stories from the
 * index of every pool in the province instead of one hub's pool, weighing each adoption with the
 * province's points weights. Topics and releases come with it.
 */
export const ProvinceDistributionModule = DistributionModule.forRoot({
  adoptableSource: IndexAdoptableSource,
  pointsSource: WeightsAdoptionPointsSource,
});

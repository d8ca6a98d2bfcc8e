import { Module } from '@nestjs/common';
import { StoryRecommendedHandler } from './story-recommended.handler';

/** The province's side of 推荐; the index shows the marks (story_recommendations). */
@Module({ providers: [StoryRecommendedHandler] })
export class RecommendationsModule {}

import { Injectable } from '@nestjs/common';
import { CenterDirectory } from '@syn/network';
import { DataSource } from 'typeorm';
import { holderOf, reviewStateOf } from '../county-review/review-view';
import { ReviewPolicyService } from '../county-review/review-policy.service';
import type { PolicySteps } from '../county-review/review-steps';
import { toFeedbackView } from '../feedback/feedback-view';
import { StoryFeedbackEntity } from '../feedback/story-feedback.entity';
import type { StoryView } from './story.dto';
import type { StoryEntity } from './story.entity';
import { toView } from './story.view';

/** The story as the county desk sees it: content and status, where its review stands, who holds it. */
@Injectable()
export class StoryViewer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: CenterDirectory,
    private readonly policies: ReviewPolicyService,
  ) {}

  /** `policy`: the center's review policy when the caller has just read it (a sign-off has). */
  async view(s: StoryEntity, policy?: PolicySteps): Promise<StoryView> {
    return (await this.views(s.centerCode, [s], policy))[0];
  }

  async views(center: string, stories: StoryEntity[], known?: PolicySteps): Promise<StoryView[]> {
    const policy = known ?? (await this.policies.stepsFor(this.dataSource.manager, center));
    const name = (code: string) => (this.directory.has(code) ? this.directory.get(code).name : code);
    return stories.map((s) => ({ ...toView(s), review: reviewStateOf(s, policy), holder: holderOf(s, name) }));
  }

  /** One story with the adoption feedback (采用反馈) it has received, oldest first. */
  async detail(s: StoryEntity): Promise<StoryView> {
    const feedback = await this.dataSource
      .getRepository(StoryFeedbackEntity)
      .find({ where: { centerCode: s.centerCode, storyId: s.id }, order: { adoptedAt: 'ASC', eventId: 'ASC' } });
    return { ...(await this.view(s)), feedback: feedback.map(toFeedbackView) };
  }
}

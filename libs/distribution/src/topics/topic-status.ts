/** How one target stands against a topic, as the issuer sees it. */
export type TopicTargetStatus = 'answered' | 'late' | 'missing' | 'overdue';

export const TOPIC_TARGET_STATUS_LABELS: Record<TopicTargetStatus, string> = {
  answered: '已响应',
  late: '逾期响应',
  missing: '未响应',
  overdue: '逾期未响应',
};

export function topicTargetStatus(deadline: Date, firstAnswerAt: Date | null, now: Date): TopicTargetStatus {
  if (firstAnswerAt) return firstAnswerAt.getTime() > deadline.getTime() ? 'late' : 'answered';
  return now.getTime() > deadline.getTime() ? 'overdue' : 'missing';
}

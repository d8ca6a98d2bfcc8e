/**
 * What every state-changing endpoint of ACCESS_MATRIX writes to the audit log (the action names,
 * at least one of which each successful call records in the transaction of its change), or why it
 * writes nothing. audited-actions.spec.ts fails for an endpoint missing here, and for an action
 * name no code writes.
 */
export type AuditDuty = { audit: readonly string[] } | { exempt: string };

export const AUDITED_ACTIONS: Readonly<Record<string, AuditDuty>> = {
  'auth.login': { exempt: 'a session, not a change of the record; refusals are rate-limited and logged' },
  'auth.refresh': { exempt: 'renews a session' },
  'auth.logout': { exempt: 'ends a session' },
  'story.create': { audit: ['story.created'] },
  'story.update': { audit: ['story.edited'] },
  'story.submit': { audit: ['story.submitted'] },
  'story.correct': { audit: ['story.corrected'] },
  'story.withdraw': { audit: ['story.withdrawn'] },
  'countyReview.sign': { audit: ['review.first', 'review.second', 'story.submitted'] },
  'countyReview.sendBack': { audit: ['review.sent-back'] },
  'countyReview.setPolicy': { audit: ['review-policy.set'] },
  'sharedPool.republish': { audit: ['story.republished'] },
  'releaseInbox.republish': { audit: ['release.republished'] },
  'review.decide': { audit: ['review.accepted', 'review.rejected', 'review.returned'] },
  'review.claim': { audit: ['claim.taken', 'claim.renewed'] },
  'review.release': { audit: ['claim.released'] },
  'review.merge': { audit: ['review.merged'] },
  'pool.edit': { audit: ['pool.edited'] },
  'pool.recommend': { audit: ['pool.recommended'] },
  'adoption.adopt': { audit: ['adoption.adopted'] },
  'adoption.takenDown': { audit: ['adoption.taken-down'] },
  'topics.issue': { audit: ['topic.issued'] },
  'releases.issue': { audit: ['release.issued'] },
  'releases.correct': { audit: ['release.corrected'] },
  'releases.withdraw': { audit: ['release.withdrawn'] },
  'statistics.setWeights': { audit: ['points-weights.set'] },
  'users.create': { audit: ['user.created'] },
  'users.update': { audit: ['user.updated'] },
  'users.setPassword': { audit: ['user.password-set'] },
  'media.upload': {
    exempt:
      'stores bytes under their hash, attached to nothing; they enter the record when a story names them, which story.created / story.edited audit with the changed media list',
  },
  'media.uploadStart': { exempt: 'opens a resumable upload; nothing is on the record until a story names the finished file' },
  'media.uploadAppend': { exempt: 'appends bytes to an open upload; nothing is on the record until a story names the finished file' },
  'media.uploadOffset': { exempt: 'reads how much of an upload arrived; changes nothing' },
  'deadLetters.replay': { exempt: 'applies a parked event through its handler, which audits what it changes; the dead letter records its replay' },
  'deliveries.overdueCheck': { exempt: 'changes no record: it raises the overdue alert (error log and metric) for receipts already pending' },
  'reconciliation.run': { exempt: 're-drives through the outbox and the delivery ledger, which record every re-driven event; the round is logged' },
};

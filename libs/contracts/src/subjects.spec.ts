import { parseSubject, recipientOf, senderOf, subjectOf } from './subjects';

describe('subjects carry the route', () => {
  it('builds and parses an upward subject', () => {
    const s = subjectOf({ direction: 'up', parent: '360700', child: '360702', type: 'story.submitted' });
    expect(s).toBe('syn.up.360700.360702.story.submitted');
    const r = parseSubject(s)!;
    expect(senderOf(r)).toBe('360702');
    expect(recipientOf(r)).toBe('360700');
  });

  it('a downward subject is sent by the parent to the child', () => {
    const r = parseSubject('syn.down.360700.360702.review.decided')!;
    expect(senderOf(r)).toBe('360700');
    expect(recipientOf(r)).toBe('360702');
    expect(r.type).toBe('review.decided');
  });

  it.each([
    'syn.up.3607.360702.story.submitted',
    'syn.sideways.360700.360702.story.submitted',
    'other.up.360700.360702.story.submitted',
    'syn.up.360700.360702.Story',
  ])('rejects %s', (s) => expect(parseSubject(s)).toBeNull());

  it('refuses to build a subject with a malformed code', () => {
    expect(() => subjectOf({ direction: 'up', parent: '36070', child: '360702', type: 'story.submitted' })).toThrow(/bad route codes/);
  });
});

import { checkSignoff, nextStep, ReviewRefusal, Signoff, stepsOf } from './review-steps';

const editorA = { userId: 'a', role: 'editor' as const };
const editorB = { userId: 'b', role: 'editor' as const };
const chief = { userId: 'c', role: 'chief-editor' as const };
const signed = (step: Signoff['step'], userId: string): Signoff => ({ step, userId, name: userId, at: '2025-01-01T00:00:00Z' });

function refusal(fn: () => void): ReviewRefusal {
  try {
    fn();
  } catch (e) {
    if (e instanceof ReviewRefusal) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('county review steps (三审)', () => {
  it('walks three steps by default and two where the center says so', () => {
    expect(stepsOf(3)).toEqual(['first', 'second', 'final']);
    expect(stepsOf(2)).toEqual(['first', 'final']);
    expect(nextStep('none', 3)).toBe('first');
    expect(nextStep('first', 3)).toBe('second');
    expect(nextStep('first', 2)).toBe('final');
    expect(nextStep('final', 3)).toBeNull();
    // A policy shortened mid-review still leads to 终审.
    expect(nextStep('second', 2)).toBe('final');
  });

  it('accepts the right signer for the next step', () => {
    expect(() => checkSignoff({ stage: 'none', policy: 3, step: 'first', signer: editorA, signoffs: [] })).not.toThrow();
    expect(() => checkSignoff({ stage: 'first', policy: 3, step: 'second', signer: editorB, signoffs: [signed('first', 'a')] })).not.toThrow();
    expect(() =>
      checkSignoff({ stage: 'second', policy: 3, step: 'final', signer: chief, signoffs: [signed('first', 'a'), signed('second', 'b')] }),
    ).not.toThrow();
  });

  it('refuses a skipped step', () => {
    expect(refusal(() => checkSignoff({ stage: 'none', policy: 3, step: 'final', signer: chief, signoffs: [] })).kind).toBe('skipped');
    expect(refusal(() => checkSignoff({ stage: 'first', policy: 3, step: 'final', signer: chief, signoffs: [signed('first', 'a')] })).kind).toBe('skipped');
    expect(refusal(() => checkSignoff({ stage: 'first', policy: 2, step: 'second', signer: editorB, signoffs: [signed('first', 'a')] })).kind).toBe('skipped');
  });

  it('refuses signing a step twice, or after the last one', () => {
    expect(refusal(() => checkSignoff({ stage: 'first', policy: 3, step: 'first', signer: editorB, signoffs: [signed('first', 'a')] })).kind).toBe(
      'already-signed',
    );
    expect(refusal(() => checkSignoff({ stage: 'final', policy: 3, step: 'final', signer: chief, signoffs: [] })).kind).toBe('complete');
  });

  it('refuses the wrong role', () => {
    const r = refusal(() =>
      checkSignoff({ stage: 'second', policy: 3, step: 'final', signer: editorB, signoffs: [signed('first', 'a'), signed('second', 'c')] }),
    );
    expect(r.kind).toBe('wrong-role');
    expect(r.message).toMatch(/chief-editor/);
    expect(refusal(() => checkSignoff({ stage: 'none', policy: 3, step: 'first', signer: { userId: 'r', role: 'reporter' }, signoffs: [] })).kind).toBe(
      'wrong-role',
    );
    expect(refusal(() => checkSignoff({ stage: 'none', policy: 3, step: 'first', signer: { userId: 'x', role: 'admin' }, signoffs: [] })).kind).toBe(
      'wrong-role',
    );
  });

  it('refuses one person signing two steps of one version', () => {
    const r = refusal(() => checkSignoff({ stage: 'first', policy: 3, step: 'second', signer: editorA, signoffs: [signed('first', 'a')] }));
    expect(r.kind).toBe('same-signer');
    const chiefTwice = { userId: 'c', role: 'chief-editor' as const };
    expect(refusal(() => checkSignoff({ stage: 'first', policy: 2, step: 'final', signer: chiefTwice, signoffs: [signed('first', 'c')] })).kind).toBe(
      'same-signer',
    );
  });
});

import { Tag } from 'antd';
import { useEffect, useState } from 'react';
import { queueTexts } from '../../../locales/zh-CN';
import type { Claim } from '../../../services/review-queue';

function left(expiresAt: string): number {
  return Math.max(0, new Date(expiresAt).getTime() - Date.now());
}

function mmss(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** Who holds the claim and how long it still holds: a claim that lapses frees the story for everyone. */
export function ClaimCountdown({ claim, mine }: { claim: Claim | null; mine: boolean }) {
  const [ms, setMs] = useState(() => (claim ? left(claim.expiresAt) : 0));
  useEffect(() => {
    if (!claim) return;
    setMs(left(claim.expiresAt));
    const t = setInterval(() => setMs(left(claim.expiresAt)), 1000);
    return () => clearInterval(t);
  }, [claim]);
  if (!claim) return <Tag>{queueTexts.free}</Tag>;
  if (ms <= 0) return <Tag color="default">{queueTexts.expired}</Tag>;
  return (
    <Tag color={mine ? 'blue' : 'orange'} data-testid="claim-countdown">
      {mine ? queueTexts.claimedByMe : queueTexts.claimedBy(claim.claimedByName)} · {queueTexts.expiresIn} {mmss(ms)}
    </Tag>
  );
}

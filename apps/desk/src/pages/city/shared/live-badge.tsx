import { Badge } from 'antd';
import type { LiveState } from '../../../hooks/use-live-feed';
import { liveTexts } from '../../../locales/zh-CN';

/** The live feed's state, so the curator knows the list updates by itself. */
export function LiveBadge({ state }: { state: LiveState }) {
  const [status, text] =
    state === 'open'
      ? (['success', liveTexts.connected] as const)
      : state === 'closed'
        ? (['default', liveTexts.closed] as const)
        : (['warning', liveTexts.reconnecting] as const);
  return <Badge status={status} text={text} data-testid="live-state" />;
}

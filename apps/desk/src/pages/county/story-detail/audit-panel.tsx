import { Button, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useShowError } from '../../../hooks/use-api-error';
import { useMe } from '../../../hooks/use-session';
import { storyPageTexts } from '../../../locales/zh-CN/county';
import { storyAudit } from '../../../services/county';
import type { AuditEntry } from '../../../services/county-types';

const T = storyPageTexts.audit;

function actorName(a: AuditEntry['actor']): string {
  return typeof a === 'string' ? a : (a.name ?? a.id ?? '');
}

/** What changed, in the few words an editor needs: the state before → after, and any reason or note. */
function change(e: AuditEntry): string {
  const b = e.before ?? {};
  const a = e.after ?? {};
  const parts: string[] = [];
  if (a.status !== undefined && b.status !== a.status) parts.push(`${String(b.status ?? '—')} → ${String(a.status)}`);
  if (a.version !== undefined && b.version !== undefined && a.version !== b.version) parts.push(`v${String(b.version)} → v${String(a.version)}`);
  for (const k of ['reason', 'note', 'channel']) if (typeof a[k] === 'string') parts.push(String(a[k]));
  return parts.join('；');
}

/** The story's audit trail at this center, newest first, paged by the server. */
export function AuditPanel({ storyId, refreshKey }: { storyId: string; refreshKey: number }) {
  const me = useMe();
  const showError = useShowError();
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    storyAudit(me.center, storyId, { limit: 50 }, ctrl.signal)
      .then((p) => {
        setItems(p.items);
        setNext(p.nextCursor);
      })
      .catch(showError);
    return () => ctrl.abort();
  }, [me.center, storyId, refreshKey, showError]);

  const more = () =>
    next &&
    storyAudit(me.center, storyId, { cursor: next, limit: 50 })
      .then((p) => {
        setItems((i) => [...i, ...p.items]);
        setNext(p.nextCursor);
      })
      .catch(showError);

  return (
    <div data-testid="audit-trail">
      <Timeline
        items={items.map((e) => ({
          key: e.id,
          content: (
            <>
              <Typography.Text strong>{T.actions[e.action] ?? e.action}</Typography.Text>
              <Typography.Text type="secondary">
                {' '}
                · {actorName(e.actor)} · {dayjs(e.at).format('YYYY-MM-DD HH:mm:ss')}
              </Typography.Text>
              {change(e) && <div>{change(e)}</div>}
            </>
          ),
        }))}
      />
      {next && <Button onClick={() => void more()}>{T.more}</Button>}
    </div>
  );
}

import { Table } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useShowError } from '../../../hooks/use-api-error';
import { auditActionTexts, auditTexts, commonTexts } from '../../../locales/zh-CN';
import type { Page } from '../../../services/types';
import type { AuditEntry } from '../../../services/review-queue';

function detail(e: AuditEntry): string {
  const a = e.after ?? {};
  const parts: string[] = [];
  if (typeof a.reason === 'string' && a.reason) parts.push(a.reason);
  if (typeof a.note === 'string' && a.note) parts.push(a.note);
  if (typeof a.title === 'string' && a.title) parts.push(`《${a.title}》`);
  if (typeof a.version === 'number') parts.push(`v${a.version}`);
  return parts.join(' · ');
}

/** A story's audit trail at this hub, newest first (review-queue/:id/audit or pool/:id/audit). */
export function AuditTrail({ load }: { load: (signal: AbortSignal) => Promise<Page<AuditEntry>> }) {
  const showError = useShowError();
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    load(ctrl.signal)
      .then((p) => setItems(p.items))
      .catch(showError)
      .finally(() => !ctrl.signal.aborted && setLoading(false));
    return () => ctrl.abort();
  }, [load, showError]);
  return (
    <Table<AuditEntry>
      data-testid="audit-trail"
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={items}
      pagination={false}
      locale={{ emptyText: commonTexts.empty }}
      columns={[
        { title: auditTexts.at, dataIndex: 'at', width: 150, render: (d: string) => dayjs(d).format('MM-DD HH:mm:ss') },
        { title: auditTexts.action, dataIndex: 'action', width: 100, render: (a: string) => auditActionTexts[a] ?? a },
        { title: auditTexts.actor, key: 'actor', width: 160, render: (_: unknown, e) => e.actor.name },
        { title: auditTexts.detail, key: 'detail', render: (_: unknown, e) => detail(e) },
      ]}
    />
  );
}

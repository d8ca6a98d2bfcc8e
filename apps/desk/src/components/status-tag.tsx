import { Tag } from 'antd';

const COLORS: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  accepted: 'success',
  rejected: 'error',
  returned: 'warning',
};

/** A story's status: colour by the status code, text exactly as the server labels it. */
export function StatusTag({ status, label, withdrawn }: { status: string; label: string; withdrawn?: boolean }) {
  return <Tag color={withdrawn ? 'default' : (COLORS[status] ?? 'default')}>{label}</Tag>;
}

import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, Modal, Progress, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import { MediaUploader } from '../../../components/media-uploader';
import { useApiForm } from '../../../hooks/use-api-form';
import { CursorPager } from '../../../components/cursor-pager';
import { useCursorPages } from '../../../hooks/use-cursor-pages';
import { useAccess, useMe } from '../../../hooks/use-session';
import { commonTexts, mediaTexts } from '../../../locales/zh-CN';
import { formTexts, releaseTexts } from '../../../locales/zh-CN/province';
import type { MediaRef } from '../../../services/media';
import { issueRelease, listReleases, type Release, type ReleaseTarget } from '../../../services/province';
import { TargetsSelect } from '../components/targets-select';

const PAGE_SIZE = 20;

interface Values {
  story: { title: string; summary?: string; body: string; byline: string; category: string; embargoUntil?: Dayjs; mediaRefs?: MediaRef[] };
  note?: string;
  targets?: string[];
}

/** Plain paragraphs typed in the form become the HTML body the network carries. */
function paragraphs(text: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${esc(p)}</p>`)
    .join('');
}

/** 通稿: releases this desk issued, with per-target 转载 coverage; 下发通稿 with targets and an embargo. */
export default function ReleasesPage() {
  const me = useMe();
  const access = useAccess();
  const { message } = App.useApp();
  const pages = useCursorPages(
    useCallback((cursor: string | undefined, signal: AbortSignal) => listReleases(me.center, { cursor, limit: PAGE_SIZE }, signal), [me.center]),
  );
  const [creating, setCreating] = useState(false);
  const { form, submitting, submit } = useApiForm<Values>({
    labels: {
      'story.title': releaseTexts.storyTitle,
      'story.summary': releaseTexts.summary,
      'story.body': releaseTexts.body,
      'story.byline': releaseTexts.byline,
      'story.category': releaseTexts.category,
      'story.embargoUntil': releaseTexts.embargoUntil,
      'story.mediaRefs': mediaTexts.title,
      note: releaseTexts.note,
      targets: releaseTexts.targets,
    },
  });

  const create = async () => {
    const r = await submit((v) =>
      issueRelease(me.center, {
        story: {
          title: v.story.title,
          summary: v.story.summary || undefined,
          body: paragraphs(v.story.body ?? ''),
          byline: v.story.byline,
          category: v.story.category,
          embargoUntil: v.story.embargoUntil?.toISOString(),
          mediaRefs: v.story.mediaRefs?.length ? v.story.mediaRefs : undefined,
        },
        note: v.note || undefined,
        targets: v.targets?.length ? v.targets : undefined,
      }),
    );
    if (!r) return;
    void message.success(releaseTexts.issued);
    setCreating(false);
    form.resetFields();
    pages.first();
  };

  return (
    <Card
      title={releaseTexts.title}
      extra={
        <>
          <Button icon={<ReloadOutlined />} onClick={() => pages.reload()}>
            {commonTexts.refresh}
          </Button>{' '}
          {access.can('releases.issue') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {releaseTexts.issue}
            </Button>
          )}
        </>
      }
    >
      <div data-testid="releases-table">
        <Table<Release>
          rowKey="releaseId"
          loading={pages.loading}
          dataSource={pages.items}
          pagination={false}
          locale={{ emptyText: commonTexts.empty }}
          expandable={{ expandedRowRender: (r) => <Coverage targets={r.targets} /> }}
          columns={[
            { title: releaseTexts.storyTitle, key: 'title', render: (_: unknown, r) => r.story.title },
            {
              title: releaseTexts.status,
              dataIndex: 'statusLabel',
              width: 100,
              render: (l: string, r) => <Tag color={r.status === 'active' ? 'blue' : 'default'}>{l}</Tag>,
            },
            { title: releaseTexts.revision, dataIndex: 'revision', width: 70 },
            {
              title: releaseTexts.embargoUntil,
              key: 'embargo',
              width: 150,
              render: (_: unknown, r) => (r.story.embargoUntil ? dayjs(r.story.embargoUntil).format('YYYY-MM-DD HH:mm') : '—'),
            },
            { title: releaseTexts.issuedAt, dataIndex: 'issuedAt', width: 150, render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
            {
              title: releaseTexts.coverage,
              key: 'coverage',
              width: 200,
              render: (_: unknown, r) => (
                <Progress
                  size="small"
                  percent={r.summary.targets ? Math.round((100 * r.summary.republished) / r.summary.targets) : 0}
                  format={() => releaseTexts.coverageOf(r.summary.republished, r.summary.targets)}
                />
              ),
            },
          ]}
        />
      </div>
      <CursorPager pages={pages} />
      <Modal
        open={creating}
        title={releaseTexts.issue}
        okText={releaseTexts.issue}
        cancelText={commonTexts.cancel}
        confirmLoading={submitting}
        onOk={create}
        onCancel={() => setCreating(false)}
        width={720}
      >
        <Form form={form} layout="vertical" name="release">
          <Form.Item name={['story', 'title']} label={releaseTexts.storyTitle} rules={[{ required: true, message: formTexts.input(releaseTexts.storyTitle) }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name={['story', 'summary']} label={releaseTexts.summary}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name={['story', 'body']} label={releaseTexts.body} rules={[{ required: true, message: formTexts.input(releaseTexts.body) }]}>
            <Input.TextArea rows={6} />
          </Form.Item>
          <Form.Item name={['story', 'byline']} label={releaseTexts.byline} rules={[{ required: true, message: formTexts.input(releaseTexts.byline) }]}>
            <Input />
          </Form.Item>
          <Form.Item name={['story', 'category']} label={releaseTexts.category} rules={[{ required: true, message: formTexts.input(releaseTexts.category) }]}>
            <Input />
          </Form.Item>
          <Form.Item name={['story', 'embargoUntil']} label={releaseTexts.embargoUntil}>
            <DatePicker showTime format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name={['story', 'mediaRefs']} label={mediaTexts.title}>
            <MediaUploader center={me.center} />
          </Form.Item>
          <Form.Item name="note" label={releaseTexts.note}>
            <Input maxLength={1000} />
          </Form.Item>
          <Form.Item name="targets" label={releaseTexts.targets} extra={releaseTexts.targetsAll}>
            <TargetsSelect placeholder={releaseTexts.targetsAll} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function Coverage({ targets }: { targets: ReleaseTarget[] }) {
  return (
    <Table<ReleaseTarget>
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={targets}
      columns={[
        { title: releaseTexts.center, dataIndex: 'name', width: 160 },
        {
          title: releaseTexts.status,
          dataIndex: 'statusLabel',
          width: 120,
          render: (l: string, t) => <Tag color={t.republished ? 'green' : 'default'}>{l}</Tag>,
        },
        {
          title: releaseTexts.republishers,
          key: 'by',
          render: (_: unknown, t) => t.republishers.map((r) => `${r.name}（${dayjs(r.republishedAt).format('MM-DD HH:mm')}）`).join('；') || '—',
        },
      ]}
    />
  );
}

import { CursorPager } from '../../../components/cursor-pager';
import { EditOutlined, PlusOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import { useApiForm } from '../../../hooks/use-api-form';
import { useCursorPages } from '../../../hooks/use-cursor-pages';
import { useAccess, useMe } from '../../../hooks/use-session';
import { commonTexts, releaseTexts } from '../../../locales/zh-CN';
import {
  correctRelease,
  issueRelease,
  listReleases,
  withdrawRelease,
  type Release,
  type ReleaseStoryInput,
  type ReleaseTarget,
} from '../../../services/distribution';
import { htmlOf, plainText } from '../shared/story-text';
import { TargetsField, targetsOf } from '../shared/targets-field';
import { ReleaseSourceField, ReleaseStoryFields } from './release-forms';

type StoryValues = Partial<Omit<ReleaseStoryInput, 'embargoUntil'>> & { embargoUntil?: Dayjs | null };

interface IssueValues {
  source: 'pool' | 'written';
  storyId?: string;
  story?: StoryValues;
  note?: string;
  targetMode: 'all' | 'selected';
  targets?: string[];
}

/** Form values as the API's story fields: the body typed as text goes out as paragraphs. */
function storyInput(v: StoryValues | undefined): Partial<ReleaseStoryInput> {
  const out: Partial<ReleaseStoryInput> = {};
  if (!v) return out;
  if (v.title) out.title = v.title;
  if (v.summary) out.summary = v.summary;
  if (v.body) out.body = htmlOf(v.body);
  if (v.byline) out.byline = v.byline;
  if (v.category) out.category = v.category;
  if (v.embargoUntil) out.embargoUntil = v.embargoUntil.toISOString();
  if (v.mediaRefs?.length) out.mediaRefs = v.mediaRefs;
  return out;
}

const labels = {
  storyId: releaseTexts.storyId,
  note: releaseTexts.note,
  targets: releaseTexts.targets,
  'story.title': releaseTexts.storyTitle,
  'story.body': releaseTexts.body,
  'story.byline': releaseTexts.byline,
  'story.category': releaseTexts.category,
  title: releaseTexts.storyTitle,
  body: releaseTexts.body,
  reason: releaseTexts.withdrawReason,
};

/** 通稿: releases this center sent down, who republished them; issue, correct (更正) and withdraw (撤稿). */
export default function ReleasesPage() {
  const me = useMe();
  const pages = useCursorPages(
    useCallback((cursor: string | undefined, signal: AbortSignal) => listReleases(me.center, { cursor, limit: 20 }, signal), [me.center]),
  );
  const access = useAccess();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<{ kind: 'issue' } | { kind: 'correct' | 'withdraw'; release: Release } | null>(null);
  const issue = useApiForm<IssueValues>({ labels });
  const correct = useApiForm<{ story: StoryValues }>({ labels });
  const withdraw = useApiForm<{ reason: string }>({ labels });
  const source = Form.useWatch('source', issue.form);

  const done = (text: string) => {
    setDialog(null);
    void message.success(text);
    pages.reload();
  };

  const onOk = async () => {
    if (dialog?.kind === 'issue') {
      const r = await issue.submit((v) =>
        issueRelease(me.center, {
          ...(v.source === 'pool' ? { storyId: v.storyId?.trim() } : { story: storyInput(v.story) as ReleaseStoryInput }),
          note: v.note || undefined,
          targets: targetsOf(v),
        }),
      );
      if (r) {
        issue.form.resetFields();
        done(releaseTexts.issued);
      }
    } else if (dialog?.kind === 'correct') {
      const r = await correct.submit((v) => correctRelease(me.center, dialog.release.releaseId, storyInput(v.story)));
      if (r) done(releaseTexts.corrected);
    } else if (dialog?.kind === 'withdraw') {
      const r = await withdraw.submit((v) => withdrawRelease(me.center, dialog.release.releaseId, { reason: v.reason }));
      if (r) done(releaseTexts.withdrawn);
    }
  };

  const openCorrection = (r: Release) => {
    correct.form.setFieldsValue({
      story: {
        title: r.story.title,
        summary: r.story.summary ?? '',
        body: plainText(r.story.body),
        byline: r.story.byline,
        category: r.story.category,
        embargoUntil: r.story.embargoUntil ? dayjs(r.story.embargoUntil) : null,
      },
    });
    setDialog({ kind: 'correct', release: r });
  };

  return (
    <Card
      title={releaseTexts.title}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => pages.reload()}>
            {commonTexts.refresh}
          </Button>
          {access.can('releases.issue') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'issue' })}>
              {releaseTexts.issue}
            </Button>
          )}
        </Space>
      }
    >
      <Table<Release>
        data-testid="releases-table"
        rowKey="releaseId"
        loading={pages.loading}
        dataSource={pages.items}
        pagination={false}
        locale={{ emptyText: commonTexts.empty }}
        expandable={{
          expandedRowRender: (r) => (
            <Table<ReleaseTarget>
              size="small"
              rowKey="code"
              dataSource={r.targets}
              pagination={false}
              columns={[
                { title: releaseTexts.center, dataIndex: 'name', width: 160 },
                {
                  title: releaseTexts.status,
                  dataIndex: 'statusLabel',
                  width: 120,
                  render: (l: string, t) => <Tag color={t.republished ? 'success' : 'default'}>{l}</Tag>,
                },
                {
                  title: releaseTexts.republishers,
                  key: 'by',
                  render: (_: unknown, t) =>
                    t.republishers.map((x) => `${x.name}（${x.republishedBy}，${dayjs(x.republishedAt).format('MM-DD HH:mm')}）`).join('；'),
                },
              ]}
            />
          ),
        }}
        columns={[
          { title: releaseTexts.storyTitle, key: 'title', render: (_: unknown, r) => r.story.title },
          { title: releaseTexts.revision, dataIndex: 'revision', width: 70 },
          {
            title: releaseTexts.status,
            dataIndex: 'statusLabel',
            width: 100,
            render: (l: string, r) => <Tag color={r.withdrawnAt ? 'error' : 'processing'}>{l}</Tag>,
          },
          { title: releaseTexts.issuedAt, dataIndex: 'issuedAt', width: 150, render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
          {
            title: releaseTexts.coverage,
            key: 'coverage',
            width: 130,
            render: (_: unknown, r) => releaseTexts.republished(r.summary.republished, r.summary.targets),
          },
          {
            title: commonTexts.actions,
            key: 'actions',
            width: 180,
            render: (_: unknown, r) =>
              r.withdrawnAt ? null : (
                <Space>
                  {access.can('releases.correct') && (
                    <Button size="small" icon={<EditOutlined />} onClick={() => openCorrection(r)}>
                      {releaseTexts.correct}
                    </Button>
                  )}
                  {access.can('releases.withdraw') && (
                    <Button size="small" danger icon={<StopOutlined />} onClick={() => setDialog({ kind: 'withdraw', release: r })}>
                      {releaseTexts.withdraw}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <CursorPager pages={pages} />
      <Modal
        open={!!dialog}
        width={720}
        forceRender
        title={dialog?.kind === 'issue' ? releaseTexts.issue : dialog?.kind === 'correct' ? releaseTexts.correctTitle : releaseTexts.withdraw}
        onOk={onOk}
        confirmLoading={issue.submitting || correct.submitting || withdraw.submitting}
        onCancel={() => setDialog(null)}
        okText={dialog?.kind === 'issue' ? releaseTexts.issue : dialog?.kind === 'correct' ? releaseTexts.correct : releaseTexts.withdraw}
        cancelText={commonTexts.cancel}
      >
        <div style={{ display: dialog?.kind === 'issue' ? undefined : 'none' }}>
          <Form form={issue.form} layout="vertical" data-testid="release-form">
            <ReleaseSourceField />
            {source !== 'written' ? (
              <Form.Item name="storyId" label={releaseTexts.storyId} rules={[{ required: true, whitespace: true }]}>
                <Input />
              </Form.Item>
            ) : (
              <ReleaseStoryFields prefix="story" required mediaCenter={me.center} />
            )}
            <Form.Item name="note" label={releaseTexts.note}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <TargetsField />
          </Form>
        </div>
        <div style={{ display: dialog?.kind === 'correct' ? undefined : 'none' }}>
          <Form form={correct.form} layout="vertical" data-testid="correction-form">
            <ReleaseStoryFields prefix="story" required={false} />
          </Form>
        </div>
        <div style={{ display: dialog?.kind === 'withdraw' ? undefined : 'none' }}>
          <Form form={withdraw.form} layout="vertical" data-testid="withdraw-form">
            <Form.Item name="reason" label={releaseTexts.withdrawReason} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Form>
        </div>
      </Modal>
    </Card>
  );
}

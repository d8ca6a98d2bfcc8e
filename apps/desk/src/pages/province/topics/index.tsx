import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, Modal, Progress, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import { useApiForm } from '../../../hooks/use-api-form';
import { CursorPager } from '../../../components/cursor-pager';
import { useCursorPages } from '../../../hooks/use-cursor-pages';
import { useAccess, useMe } from '../../../hooks/use-session';
import { commonTexts } from '../../../locales/zh-CN';
import { formTexts, topicTexts } from '../../../locales/zh-CN/province';
import { issueTopic, listTopics, type Topic, type TopicTarget } from '../../../services/province';
import { TargetsSelect } from '../components/targets-select';

const PAGE_SIZE = 20;
const STATUS_COLORS: Record<string, string> = { answered: 'green', late: 'orange', missing: 'default', overdue: 'red' };

interface Values {
  title: string;
  brief: string;
  deadline: Dayjs;
  targets?: string[];
}

/** 选题: topics this desk issued, each with its per-target coverage; 下达选题 with targets and a deadline. */
export default function TopicsPage() {
  const me = useMe();
  const access = useAccess();
  const { message } = App.useApp();
  const pages = useCursorPages(
    useCallback((cursor: string | undefined, signal: AbortSignal) => listTopics(me.center, { cursor, limit: PAGE_SIZE }, signal), [me.center]),
  );
  const [creating, setCreating] = useState(false);
  const { form, submitting, submit } = useApiForm<Values>({
    labels: { title: topicTexts.topicTitle, brief: topicTexts.brief, deadline: topicTexts.deadline, targets: topicTexts.targets },
  });

  const create = async () => {
    const t = await submit((v) =>
      issueTopic(me.center, { title: v.title, brief: v.brief ?? '', deadline: v.deadline.toISOString(), targets: v.targets?.length ? v.targets : undefined }),
    );
    if (!t) return;
    void message.success(topicTexts.issued);
    setCreating(false);
    form.resetFields();
    pages.first();
  };

  return (
    <Card
      title={topicTexts.title}
      extra={
        <>
          <Button icon={<ReloadOutlined />} onClick={() => pages.reload()}>
            {commonTexts.refresh}
          </Button>{' '}
          {access.can('topics.issue') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {topicTexts.issue}
            </Button>
          )}
        </>
      }
    >
      <div data-testid="topics-table">
        <Table<Topic>
          rowKey="topicId"
          loading={pages.loading}
          dataSource={pages.items}
          pagination={false}
          locale={{ emptyText: commonTexts.empty }}
          expandable={{ expandedRowRender: (t) => <Coverage targets={t.targets} /> }}
          columns={[
            { title: topicTexts.topicTitle, dataIndex: 'title' },
            { title: topicTexts.deadline, dataIndex: 'deadline', width: 150, render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
            { title: topicTexts.issuedBy, dataIndex: 'issuedBy', width: 140 },
            { title: topicTexts.issuedAt, dataIndex: 'issuedAt', width: 150, render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
            {
              title: topicTexts.coverage,
              key: 'coverage',
              width: 200,
              render: (_: unknown, t) => (
                <Progress
                  size="small"
                  percent={t.summary.targets ? Math.round((100 * t.summary.answered) / t.summary.targets) : 0}
                  format={() => topicTexts.coverageOf(t.summary.answered, t.summary.targets)}
                />
              ),
            },
          ]}
        />
      </div>
      <CursorPager pages={pages} />
      <Modal
        open={creating}
        title={topicTexts.issue}
        okText={topicTexts.issue}
        cancelText={commonTexts.cancel}
        confirmLoading={submitting}
        onOk={create}
        onCancel={() => setCreating(false)}
        width={640}
      >
        <Form form={form} layout="vertical" name="topic">
          <Form.Item name="title" label={topicTexts.topicTitle} rules={[{ required: true, message: formTexts.input(topicTexts.topicTitle) }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="brief" label={topicTexts.brief}>
            <Input.TextArea rows={4} maxLength={5000} />
          </Form.Item>
          <Form.Item name="deadline" label={topicTexts.deadline} rules={[{ required: true, message: formTexts.pick(topicTexts.deadline) }]}>
            <DatePicker showTime format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="targets" label={topicTexts.targets} extra={topicTexts.targetsAll}>
            <TargetsSelect placeholder={topicTexts.targetsAll} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function Coverage({ targets }: { targets: TopicTarget[] }) {
  return (
    <Table<TopicTarget>
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={targets}
      columns={[
        { title: topicTexts.center, dataIndex: 'name', width: 160 },
        { title: topicTexts.status, dataIndex: 'statusLabel', width: 120, render: (l: string, t) => <Tag color={STATUS_COLORS[t.status]}>{l}</Tag> },
        { title: topicTexts.answeredAt, dataIndex: 'answeredAt', width: 150, render: (d: string | null) => (d ? dayjs(d).format('MM-DD HH:mm') : '—') },
        { title: topicTexts.answers, key: 'answers', render: (_: unknown, t) => t.answers.map((a) => `${a.center.name}《${a.storyTitle}》`).join('；') || '—' },
      ]}
    />
  );
}

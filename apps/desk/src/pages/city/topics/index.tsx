import { CursorPager } from '../../../components/cursor-pager';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, Modal, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useApiForm } from '../../../hooks/use-api-form';
import { useShowError } from '../../../hooks/use-api-error';
import { useAccess, useMe } from '../../../hooks/use-session';
import { commonTexts, topicTexts } from '../../../locales/zh-CN';
import { issueTopic, listTopics, type Topic, type TopicTarget } from '../../../services/distribution';
import { TargetsField, targetsOf } from '../shared/targets-field';

interface TopicValues {
  title: string;
  brief: string;
  deadline: Dayjs;
  targetMode: 'all' | 'selected';
  targets?: string[];
}

const TARGET_COLORS: Record<string, string> = { answered: 'success', late: 'warning', missing: 'default', overdue: 'error' };

/** 选题: topics this center issued, who answered them and when; issue a new one. */
export default function TopicsPage() {
  const me = useMe();
  const access = useAccess();
  const showError = useShowError();
  const { message } = App.useApp();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [pageIndex, setPageIndex] = useState(0);
  const [items, setItems] = useState<Topic[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const [creating, setCreating] = useState(false);
  const { form, submitting, submit } = useApiForm<TopicValues>({
    labels: { title: topicTexts.topicTitle, brief: topicTexts.brief, deadline: topicTexts.deadline, targets: topicTexts.targets },
  });

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    listTopics(me.center, { cursor: cursors[pageIndex], limit: 20 }, ctrl.signal)
      .then((p) => {
        setItems(p.items);
        setNextCursor(p.nextCursor);
      })
      .catch(showError)
      .finally(() => !ctrl.signal.aborted && setLoading(false));
    return () => ctrl.abort();
  }, [me.center, cursors, pageIndex, tick, showError]);

  const create = async () => {
    const t = await submit((v) => issueTopic(me.center, { title: v.title, brief: v.brief ?? '', deadline: v.deadline.toISOString(), targets: targetsOf(v) }));
    if (t) {
      setCreating(false);
      form.resetFields();
      void message.success(topicTexts.issued);
      setCursors([undefined]);
      setPageIndex(0);
      setTick((x) => x + 1);
    }
  };

  return (
    <Card
      title={topicTexts.title}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => setTick((t) => t + 1)}>
            {commonTexts.refresh}
          </Button>
          {access.can('topics.issue') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {topicTexts.issue}
            </Button>
          )}
        </Space>
      }
    >
      <Table<Topic>
        data-testid="topics-table"
        rowKey="topicId"
        loading={loading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: commonTexts.empty }}
        expandable={{
          expandedRowRender: (t) => (
            <Table<TopicTarget>
              size="small"
              rowKey="code"
              dataSource={t.targets}
              pagination={false}
              columns={[
                { title: topicTexts.center, dataIndex: 'name', width: 160 },
                { title: topicTexts.status, dataIndex: 'statusLabel', width: 120, render: (l: string, x) => <Tag color={TARGET_COLORS[x.status]}>{l}</Tag> },
                {
                  title: topicTexts.answers,
                  key: 'answers',
                  render: (_: unknown, x) => x.answers.map((a) => `《${a.storyTitle}》${dayjs(a.answeredAt).format('MM-DD HH:mm')}`).join('；'),
                },
              ]}
            />
          ),
        }}
        columns={[
          { title: topicTexts.topicTitle, dataIndex: 'title' },
          { title: topicTexts.deadline, dataIndex: 'deadline', width: 150, render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
          { title: topicTexts.issuedAt, dataIndex: 'issuedAt', width: 150, render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
          {
            title: topicTexts.coverage,
            key: 'coverage',
            width: 150,
            render: (_: unknown, t) => (
              <Tag color={t.summary.answered === t.summary.targets ? 'success' : 'processing'}>
                {topicTexts.answered(t.summary.answered, t.summary.targets)}
              </Tag>
            ),
          },
        ]}
      />
      <CursorPager
        hasPrev={pageIndex > 0}
        hasNext={!!nextCursor}
        onPrev={() => setPageIndex((i) => i - 1)}
        onNext={() => {
          setCursors((c) => [...c.slice(0, pageIndex + 1), nextCursor ?? undefined]);
          setPageIndex((i) => i + 1);
        }}
      />
      <Modal
        open={creating}
        title={topicTexts.issue}
        onOk={create}
        confirmLoading={submitting}
        onCancel={() => setCreating(false)}
        okText={topicTexts.issue}
        cancelText={commonTexts.cancel}
        forceRender
        width={640}
      >
        <Form form={form} layout="vertical" data-testid="topic-form">
          <Form.Item name="title" label={topicTexts.topicTitle} rules={[{ required: true, whitespace: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="brief" label={topicTexts.brief}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="deadline" label={topicTexts.deadline} rules={[{ required: true }]}>
            <DatePicker showTime format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <TargetsField />
        </Form>
      </Modal>
    </Card>
  );
}

import { CursorPager } from '../../../components/cursor-pager';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, Modal, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import { useApiForm } from '../../../hooks/use-api-form';
import { useCursorPages } from '../../../hooks/use-cursor-pages';
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
  const pages = useCursorPages(
    useCallback((cursor: string | undefined, signal: AbortSignal) => listTopics(me.center, { cursor, limit: 20 }, signal), [me.center]),
  );
  const access = useAccess();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const { form, submitting, submit } = useApiForm<TopicValues>({
    labels: { title: topicTexts.topicTitle, brief: topicTexts.brief, deadline: topicTexts.deadline, targets: topicTexts.targets },
  });

  const create = async () => {
    const t = await submit((v) => issueTopic(me.center, { title: v.title, brief: v.brief ?? '', deadline: v.deadline.toISOString(), targets: targetsOf(v) }));
    if (t) {
      setCreating(false);
      form.resetFields();
      void message.success(topicTexts.issued);
      pages.first();
    }
  };

  return (
    <Card
      title={topicTexts.title}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => pages.reload()}>
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
        loading={pages.loading}
        dataSource={pages.items}
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
      <CursorPager pages={pages} />
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

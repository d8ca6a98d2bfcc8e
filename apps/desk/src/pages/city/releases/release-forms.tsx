import { DatePicker, Form, Input, Radio } from 'antd';
import { releaseTexts } from '../../../locales/zh-CN';

/** The written text of a release (通稿): also the fields a correction may change. */
export function ReleaseStoryFields({ prefix, required }: { prefix: string; required: boolean }) {
  const rule = required ? [{ required: true, whitespace: true }] : [];
  return (
    <>
      <Form.Item name={[prefix, 'title']} label={releaseTexts.storyTitle} rules={rule}>
        <Input />
      </Form.Item>
      <Form.Item name={[prefix, 'summary']} label={releaseTexts.summary}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name={[prefix, 'body']} label={releaseTexts.body} rules={rule}>
        <Input.TextArea rows={6} />
      </Form.Item>
      <Form.Item name={[prefix, 'byline']} label={releaseTexts.byline} rules={rule}>
        <Input />
      </Form.Item>
      <Form.Item name={[prefix, 'category']} label={releaseTexts.category} rules={rule}>
        <Input />
      </Form.Item>
      <Form.Item name={[prefix, 'embargoUntil']} label={releaseTexts.embargo}>
        <DatePicker showTime format="YYYY-MM-DD HH:mm" />
      </Form.Item>
    </>
  );
}

export function ReleaseSourceField() {
  return (
    <Form.Item name="source" label={releaseTexts.source} initialValue="pool">
      <Radio.Group
        options={[
          { value: 'pool', label: releaseTexts.fromPool },
          { value: 'written', label: releaseTexts.written },
        ]}
      />
    </Form.Item>
  );
}

import { DatePicker, Form, Input, Radio } from 'antd';
import { MediaUploader } from '../../../components/media-uploader';
import { mediaTexts, releaseTexts } from '../../../locales/zh-CN';

/**
 * The written text of a release (通稿): also the fields a correction may change. `mediaCenter`
 * offers its photos and video (uploaded to that center's library) when the release is written.
 */
export function ReleaseStoryFields({ prefix, required, mediaCenter }: { prefix: string; required: boolean; mediaCenter?: string }) {
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
      {mediaCenter && (
        <Form.Item name={[prefix, 'mediaRefs']} label={mediaTexts.title}>
          <MediaUploader center={mediaCenter} />
        </Form.Item>
      )}
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

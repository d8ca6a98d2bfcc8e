import { Form, Radio, Select } from 'antd';
import { topicTexts } from '../../../locales/zh-CN';

/** 下达对象: every center below (no `targets` sent) or the ones named by code. */
export function TargetsField() {
  return (
    <>
      <Form.Item name="targetMode" label={topicTexts.targets} initialValue="all">
        <Radio.Group
          options={[
            { value: 'all', label: topicTexts.allTargets },
            { value: 'selected', label: topicTexts.selectedTargets },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a, b) => a.targetMode !== b.targetMode}>
        {({ getFieldValue }) =>
          getFieldValue('targetMode') === 'selected' ? (
            <Form.Item name="targets" rules={[{ required: true, type: 'array', min: 1, message: topicTexts.targetsPlaceholder }]}>
              <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ']} placeholder={topicTexts.targetsPlaceholder} aria-label={topicTexts.targets} />
            </Form.Item>
          ) : null
        }
      </Form.Item>
    </>
  );
}

export function targetsOf(v: { targetMode?: string; targets?: string[] }): string[] | undefined {
  return v.targetMode === 'selected' ? v.targets : undefined;
}

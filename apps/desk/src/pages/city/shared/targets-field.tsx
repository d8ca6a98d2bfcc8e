import { Form, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useShowError } from '../../../hooks/use-api-error';
import { useMe } from '../../../hooks/use-session';
import { topicTexts } from '../../../locales/zh-CN';
import { listTargets, type TargetCenter } from '../../../services/distribution';

/** 下达对象: every center below (no `targets` sent) or the ones picked by name. */
export function TargetsField() {
  const me = useMe();
  const showError = useShowError();
  const [centers, setCenters] = useState<TargetCenter[]>([]);
  useEffect(() => {
    const ctrl = new AbortController();
    listTargets(me.center, ctrl.signal)
      .then((r) => setCenters(r.items))
      .catch(showError);
    return () => ctrl.abort();
  }, [me.center, showError]);
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
              <Select
                mode="multiple"
                placeholder={topicTexts.targetsPlaceholder}
                aria-label={topicTexts.targets}
                options={centers.map((c) => ({ value: c.code, label: c.name }))}
                optionFilterProp="label"
              />
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

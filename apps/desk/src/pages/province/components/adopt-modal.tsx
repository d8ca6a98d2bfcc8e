import { App, Checkbox, Form, Modal } from 'antd';
import { useApiForm } from '../../../hooks/use-api-form';
import { useMe } from '../../../hooks/use-session';
import { commonTexts } from '../../../locales/zh-CN';
import { adoptTexts, channelOptions } from '../../../locales/zh-CN/province';
import { adopt, type Adoption } from '../../../services/province';

interface Values {
  channels: string[];
}

/** 选用: pick one or several channels (报、网、端、微、屏); each becomes one adoption with feedback to the origin. */
export function AdoptModal({
  story,
  onClose,
  onAdopted,
}: {
  story: { storyId: string; title: string } | null;
  onClose(): void;
  onAdopted?(a: Adoption[]): void;
}) {
  const me = useMe();
  const { message } = App.useApp();
  const { form, submitting, submit } = useApiForm<Values>({ labels: { channels: adoptTexts.channels, storyId: adoptTexts.channels } });
  const ok = async () => {
    const r = await submit((v) => adopt(me.center, story!.storyId, v.channels));
    if (!r) return;
    void message.success(adoptTexts.done(r.items.map((a) => a.channel)));
    form.resetFields();
    onAdopted?.(r.items);
    onClose();
  };
  return (
    <Modal
      open={!!story}
      title={story ? adoptTexts.title(story.title) : ''}
      okText={adoptTexts.ok}
      cancelText={commonTexts.cancel}
      confirmLoading={submitting}
      onOk={ok}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="adopt" preserve={false}>
        <Form.Item name="channels" label={adoptTexts.channels} rules={[{ required: true, message: adoptTexts.channelsRequired }]}>
          <Checkbox.Group options={channelOptions} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

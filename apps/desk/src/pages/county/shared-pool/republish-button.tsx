import { App, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useApiForm } from '../../../hooks/use-api-form';
import { useMe } from '../../../hooks/use-session';
import { commonTexts } from '../../../locales/zh-CN';
import { countyFieldLabels, sharedPoolTexts as T } from '../../../locales/zh-CN/county';
import { republishShared } from '../../../services/county';

/** 转载 one pooled story to a channel of this center; the attribution is shown before it goes. */
export function RepublishButton({ storyId, attribution, onDone }: { storyId: string; attribution: string; onDone: () => void }) {
  const me = useMe();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const { form, submitting, submit } = useApiForm<{ channel: string }>({ labels: countyFieldLabels });
  const go = () =>
    submit(async (v) => {
      await republishShared(me.center, storyId, v.channel ?? '');
      setOpen(false);
      void message.success(T.republished);
      onDone();
    });
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {T.republish}
      </Button>
      <Modal
        open={open}
        title={T.republishTitle}
        onOk={() => void go()}
        confirmLoading={submitting}
        onCancel={() => setOpen(false)}
        okText={T.republish}
        cancelText={commonTexts.cancel}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{attribution}</Typography.Paragraph>
        <Form form={form} layout="vertical" name="republish">
          <Form.Item name="channel" label={T.channel}>
            <Input placeholder={T.channelPlaceholder} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

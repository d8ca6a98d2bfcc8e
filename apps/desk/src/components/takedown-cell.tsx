import { App, Button, Popconfirm, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useShowError } from '../hooks/use-api-error';
import { useMe } from '../hooks/use-session';
import { takedownTexts } from '../locales/zh-CN';
import { confirmTakenDown } from '../services/distribution';
import type { AdoptionTakedown } from '../services/types';

/**
 * 请撤下 on an adoption row: nothing while the story stands; once withdrawn, the reason and a
 * button that confirms the story is off every channel (the receipt the origin's takedown waits for).
 */
export function TakedownCell({ storyId, takedown, onDone }: { storyId: string; takedown: AdoptionTakedown | null; onDone: () => void }) {
  const me = useMe();
  const showError = useShowError();
  const { message } = App.useApp();
  if (!takedown) return null;
  const onConfirm = () =>
    confirmTakenDown(me.center, storyId)
      .then(() => {
        void message.success(takedownTexts.confirmed);
        onDone();
      })
      .catch(showError);
  if (takedown.doneAt) return <Tag>{takedownTexts.done(takedown.doneBy ?? '', dayjs(takedown.doneAt).format('MM-DD HH:mm'))}</Tag>;
  return (
    <span data-testid="takedown-pending">
      <Tooltip title={takedown.reason}>
        <Tag color="error">{takedownTexts.asked}</Tag>
      </Tooltip>
      <Popconfirm title={takedownTexts.confirmTitle} onConfirm={onConfirm}>
        <Button size="small" danger>
          {takedownTexts.confirm}
        </Button>
      </Popconfirm>
    </span>
  );
}

import { DeleteOutlined, InboxOutlined } from '@ant-design/icons';
import { App, Button, Input, List, Typography, Upload } from 'antd';
import { useEffect, useRef } from 'react';
import { useShowError } from '../hooks/use-api-error';
import { useRefMedia } from '../hooks/use-media';
import { mediaTexts } from '../locales/zh-CN';
import { uploadMedia, type MediaRef } from '../services/media';
import { MediaGallery } from './media-gallery';

export interface MediaUploaderProps {
  center: string;
  value?: MediaRef[];
  onChange?: (refs: MediaRef[]) => void;
  disabled?: boolean;
}

/**
 * The story editor's 媒体附件: drag files in (each uploads with its progress; video and audio
 * resumable), give each a caption, remove one; the refs become part of the story when it is saved.
 */
export function MediaUploader({ center, value = [], onChange, disabled }: MediaUploaderProps) {
  const { message } = App.useApp();
  const showError = useShowError();
  const items = useRefMedia(center, value);
  const set = (refs: MediaRef[]) => onChange?.(refs);
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
  }, [value]);

  return (
    <div data-testid="media-uploader">
      {!disabled && (
        <Upload.Dragger
          multiple
          showUploadList={{ showRemoveIcon: false }}
          customRequest={({ file, onProgress, onSuccess, onError }) => {
            const f = file as File;
            uploadMedia(center, f, (percent) => onProgress?.({ percent })).then(
              (m) => {
                onSuccess?.(m);
                void message.success(mediaTexts.uploaded(f.name));
                // Read the latest value at completion: several files may finish in any order.
                const next = [...latest.current.filter((r) => r.url !== m.url), { url: m.url, kind: m.kind, caption: '' }];
                latest.current = next;
                onChange?.(next);
              },
              (e: unknown) => {
                onError?.(e as Error);
                showError(e);
              },
            );
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{mediaTexts.dragHint}</p>
          <p className="ant-upload-hint">{mediaTexts.dragLimits}</p>
        </Upload.Dragger>
      )}
      {value.length > 0 && (
        <List
          size="small"
          dataSource={value}
          renderItem={(ref, i) => (
            <List.Item
              actions={
                disabled
                  ? []
                  : [
                      <Button
                        key="remove"
                        type="text"
                        icon={<DeleteOutlined />}
                        onClick={() => set(value.filter((_, j) => j !== i))}
                        aria-label={mediaTexts.remove}
                      />,
                    ]
              }
            >
              <Typography.Text type="secondary" style={{ minWidth: 48 }}>
                {mediaTexts.kinds[ref.kind]}
              </Typography.Text>
              <Input
                value={ref.caption ?? ''}
                placeholder={mediaTexts.captionPlaceholder}
                disabled={disabled}
                maxLength={500}
                onChange={(e) => set(value.map((r, j) => (j === i ? { ...r, caption: e.target.value } : r)))}
                data-testid="media-caption"
              />
            </List.Item>
          )}
        />
      )}
      <MediaGallery items={items} />
    </div>
  );
}

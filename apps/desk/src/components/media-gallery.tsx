import { FileOutlined } from '@ant-design/icons';
import { Empty, Image, Progress, Space, Tag, Typography } from 'antd';
import { mediaTexts } from '../locales/zh-CN';
import type { MediaItem } from '../services/media';

export interface GalleryItem {
  sha256: string;
  caption?: string | null;
  /** undefined while the media are still on their way to this center */
  media?: MediaItem;
}

function statusOf(m: MediaItem) {
  if (m.status === 'ready') return null;
  if (m.status === 'failed') return <Tag color="error">{mediaTexts.failed}</Tag>;
  if (m.status === 'pending') return <Tag>{mediaTexts.pending}</Tag>;
  return <Progress percent={m.progress} size="small" style={{ width: 160 }} format={(p) => mediaTexts.processing(p ?? 0)} />;
}

/** A story's media as readers see them: photos (web size, preview of the original), video with its poster, audio, documents. */
export function MediaGallery({ items }: { items: GalleryItem[] }) {
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={mediaTexts.empty} />;
  return (
    <Space wrap size="large" align="start" data-testid="media-gallery">
      {items.map(({ sha256, caption, media: m }) => (
        <figure key={sha256} style={{ margin: 0, width: 320 }} data-testid="media-item" data-sha256={sha256}>
          {!m && <Tag color="processing">{mediaTexts.onTheWay}</Tag>}
          {m?.kind === 'image' && (
            <Image
              width={320}
              src={m.links.web ?? m.links.original}
              placeholder={m.links.thumbnail ? <Image preview={false} src={m.links.thumbnail} width={320} /> : undefined}
              preview={{ src: m.links.original }}
              alt={caption ?? ''}
              data-testid="media-image"
            />
          )}
          {m?.kind === 'video' && (
            <video controls preload="metadata" width={320} poster={m.links.poster} src={m.links.original} data-testid="media-video">
              <track kind="captions" />
            </video>
          )}
          {m?.kind === 'audio' && <audio controls preload="metadata" src={m.links.original} style={{ width: 320 }} data-testid="media-audio" />}
          {m?.kind === 'document' && (
            <Typography.Link href={m.links.original} target="_blank">
              <FileOutlined /> {mediaTexts.openOriginal}
            </Typography.Link>
          )}
          <figcaption>
            <Space size="small" wrap>
              {m && <Tag>{mediaTexts.kinds[m.kind]}</Tag>}
              {m?.probe?.durationSeconds !== undefined && <Tag>{mediaTexts.duration(m.probe.durationSeconds)}</Tag>}
              {m && statusOf(m)}
              {caption && <Typography.Text>{caption}</Typography.Text>}
            </Space>
          </figcaption>
        </figure>
      ))}
    </Space>
  );
}

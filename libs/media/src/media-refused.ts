import { HttpException } from '@nestjs/common';
import { API_ERROR_CODES, ApiErrorCode } from '@syn/api-errors';

/** A refused upload: a stable code, the field, and a message a desk can show as it is (中文 first). */
export class MediaRefused extends HttpException {
  constructor(status: number, code: ApiErrorCode, zh: string, en: string, field = 'file') {
    super({ statusCode: status, code, message: [`${field}: ${zh} (${en})`], errors: [{ field, code, params: {}, message: `${field}: ${en}` }] }, status);
  }

  static tooLarge(kindLabel: string, size: number, limit: number): MediaRefused {
    const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
    return new MediaRefused(
      413,
      API_ERROR_CODES.mediaTooLarge,
      `${kindLabel}文件过大：${mb(size)}，上限 ${mb(limit)}`,
      `${kindLabel} of ${size} bytes is over the limit of ${limit} bytes`,
    );
  }

  static badType(): MediaRefused {
    return new MediaRefused(
      415,
      API_ERROR_CODES.mediaTypeRefused,
      '不支持的文件类型：只接受 JPEG/PNG/WebP/GIF 图片、MP4/MOV/WebM 视频、MP3/AAC/WAV 音频和 PDF/Word 文档',
      'the bytes are not an accepted image, video, audio or document type',
    );
  }

  static missing(): MediaRefused {
    return new MediaRefused(400, API_ERROR_CODES.mediaMissing, '请选择要上传的文件', 'no file in the request');
  }
}

import { App } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../services/api-error';
import { errorTexts, statusTexts } from '../locales/zh-CN';

/** The Chinese text for an error that concerns no single field. */
export function apiErrorText(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.code && errorTexts[e.code]) return errorTexts[e.code]!;
    return statusTexts[e.status] ?? statusTexts[500]!;
  }
  return statusTexts[500]!;
}

/** Shows an error that is not about a form field as an antd message, in Chinese. */
export function useShowError(): (e: unknown) => void {
  const { message } = App.useApp();
  return useCallback(
    (e: unknown) => {
      if (e instanceof DOMException && e.name === 'AbortError') return;
      void message.error(apiErrorText(e));
    },
    [message],
  );
}

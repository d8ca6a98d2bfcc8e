import { request } from './request';

export interface Delivery {
  storyId: string;
  holder: string;
  holderName: string;
  /** channels: a 请撤下 to this center's own desk (an adopted story was withdrawn). */
  request: 'channels' | null;
  version: number;
  kind: string;
  receiptStatus: string;
  receiptLabel: string;
  receiptOutcome: string | null;
  receiptAt: string | null;
  via: string;
  sentAt: string;
}

export function listDeliveries(center: string, q: { status?: string; limit?: number } = {}, signal?: AbortSignal): Promise<{ items: Delivery[] }> {
  return request(`/api/v1/centers/${center}/deliveries`, { query: q, signal });
}

/** One message in the signed-in person's inbox (GET /notifications). */
export interface InboxNotification {
  id: string;
  kind: string;
  title: string;
  body: string;
  /** an app path such as /workorders/123, or an absolute URL */
  link: string | null;
  read: boolean;
  readAt: string | null;
  createdAt: string;
}

export const CHANNEL_KINDS = ['email', 'wecom', 'dingtalk'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** The settings each kind accepts (the server refuses any other key). */
export const KIND_FIELDS: Record<ChannelKind, readonly string[]> = {
  email: ['host', 'port', 'secure', 'user', 'pass', 'from', 'to'],
  wecom: ['url'],
  dingtalk: ['url', 'secret'],
};

/** A stored secret comes back as this; sending it back unchanged keeps the stored value. */
export const SECRET_MASK = '******';

export interface Channel {
  id: string;
  kind: string;
  name: string;
  config: Record<string, unknown>;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;

export interface Delivery {
  id: string;
  channelId: string;
  title: string;
  status: string;
  error: string | null;
  createdAt: string;
  attemptedAt: string | null;
}

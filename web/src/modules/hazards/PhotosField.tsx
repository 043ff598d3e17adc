import { Form } from 'antd';
import type { ReactNode } from 'react';
import { useInfiniteList } from '../../components';
import { type Attachment, AttachmentsPanel } from '../../components/AttachmentsPanel';

/**
 * How many files a record has of one owner type. The query is the one AttachmentsPanel
 * makes, so an upload in the panel updates this count without a request of its own.
 */
export function usePhotoCount(ownerType: string, ownerId: string | null | undefined): number | undefined {
  const list = useInfiniteList<Attachment>('/attachments', { ownerType, ownerId: ownerId ?? '', limit: 50 }, { enabled: Boolean(ownerId) });
  return list.data ? list.data.pages.reduce((n, p) => n + p.items.length, 0) : undefined;
}

/**
 * Photos taken for a step (the on-the-spot fix, the rectification's after photos) as a
 * form field: upload straight to the record, and a required error under it while none
 * is there. The server refuses the step without a photo as well.
 */
export function PhotosField({
  ownerType,
  ownerId,
  label,
  required,
  requiredMessage,
  showError,
  extra,
}: {
  ownerType: string;
  ownerId: string;
  label: ReactNode;
  required: boolean;
  requiredMessage: string;
  /** the person tried to submit: show the missing-photo error */
  showError: boolean;
  extra?: ReactNode;
}) {
  const count = usePhotoCount(ownerType, ownerId);
  const missing = required && showError && count === 0;
  return (
    <Form.Item
      label={label}
      required={required}
      validateStatus={missing ? 'error' : undefined}
      help={missing ? requiredMessage : undefined}
      extra={extra}
    >
      <div data-testid={`photos-${ownerType}`}>
        <AttachmentsPanel ownerType={ownerType} ownerId={ownerId} bare />
      </div>
    </Form.Item>
  );
}

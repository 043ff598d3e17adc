import { Badge, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EVENT_COLORS, eventSettled, isAllDay, timeIn } from './logic';
import type { SafetyEvent } from './types';

/** One event as a line: kind colour, time (none for a due date), title; faded once done or cancelled. */
export function EventLine({
  event,
  zone,
  onOpen,
  wrap,
}: {
  event: SafetyEvent;
  zone: string | undefined;
  onOpen: (e: SafetyEvent) => void;
  wrap?: boolean;
}) {
  const { t } = useTranslation('safety');
  const time = isAllDay(event) ? null : timeIn(event.at, zone);
  const settled = eventSettled(event);
  return (
    <Typography.Link
      onClick={(e) => {
        e.stopPropagation();
        onOpen(event);
      }}
      style={{ display: 'flex', gap: 4, alignItems: 'baseline', color: 'inherit', opacity: settled ? 0.55 : 1, minWidth: 0 }}
      title={`${t(`eventKind.${event.kind}`)} · ${event.title} · ${event.siteName} · ${t(`eventStatus.${event.status}`, { defaultValue: event.status })}`}
      data-testid={`event-${event.kind}`}
    >
      <Badge color={EVENT_COLORS[event.kind]} />
      {time ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }}>
          {time}
        </Typography.Text>
      ) : null}
      <Typography.Text
        ellipsis={!wrap}
        delete={event.status === 'cancelled'}
        type={event.status === 'missed' || event.status === 'overdue' ? 'danger' : undefined}
        style={{ fontSize: 12, minWidth: 0, ...(wrap ? { whiteSpace: 'normal' } : {}) }}
      >
        {event.title}
      </Typography.Text>
    </Typography.Link>
  );
}

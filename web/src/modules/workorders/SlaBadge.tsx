import { Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { SLA_KINDS, type SlaTimerDto, type WorkOrderDto } from '../../../../contracts/workorders';
import { receivedAt, useNow } from './hooks';
import { type DurationWords, firstOpenTimer, formatRemaining, isOpen, remainingAt, SLA_COLORS, slaState } from './options';

type Words = DurationWords & { left: string; late: string };

function useWords(): Words {
  const { t, i18n } = useTranslation('workorders');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the words change with the language only
  return useMemo(
    () => ({
      day: t('sla.units.day'),
      hour: t('sla.units.hour'),
      minute: t('sla.units.minute'),
      underMinute: t('sla.units.underMinute'),
      join: t('sla.units.join'),
      left: t('sla.left'),
      late: t('sla.late'),
    }),
    [i18n.language],
  );
}

type Timed = Pick<WorkOrderDto, 'status' | 'timers'>;

/** One deadline as a coloured tag: 到场 剩余 20分 (blue / orange when warned / red when late), or 响应 已按时. */
function TimerTag({ wo, timer, now, words }: { wo: Timed; timer: SlaTimerDto; now: number; words: Words }) {
  const { t } = useTranslation('workorders');
  const remaining = remainingAt(timer, now - receivedAt(wo), wo.status === 'paused');
  const state = slaState(timer, remaining);
  const kind = t(`sla.${timer.kind}`);
  const text =
    remaining === null ? `${kind} ${t(state === 'metLate' ? 'sla.metLate' : 'sla.met')}` : `${kind} ${formatRemaining(remaining, words)}`;
  return (
    <Tooltip title={t('sla.due', { at: dayjs(timer.dueAt).format('YYYY-MM-DD HH:mm') })}>
      <Tag color={SLA_COLORS[state]} style={{ marginInlineEnd: 4 }} data-testid={`sla-${timer.kind}`} data-state={state}>
        {text}
      </Tag>
    </Tooltip>
  );
}

/** The list's 时限 column: the deadline that matters now (the first unmet one), live every 30 s. */
export function SlaBadge({ workOrder }: { workOrder: Timed }) {
  const now = useNow();
  const words = useWords();
  const timer = isOpen(workOrder.status) ? firstOpenTimer(workOrder.timers) : null;
  if (!timer) return <Typography.Text type="secondary">—</Typography.Text>;
  return <TimerTag wo={workOrder} timer={timer} now={now} words={words} />;
}

/**
 * Every deadline of one order for its detail page: running ones count down (or show
 * how late they are), met ones say whether they were met on time. A closed order's
 * unmet deadlines no longer run and are left out.
 */
export function SlaCountdowns({ workOrder }: { workOrder: Timed }) {
  const { t } = useTranslation('workorders');
  const now = useNow();
  const words = useWords();
  const open = isOpen(workOrder.status);
  const timers = SLA_KINDS.flatMap((k) => workOrder.timers.filter((x) => x.kind === k && (open || x.metAt)));
  if (!timers.length) return <Typography.Text type="secondary">{t('sla.none')}</Typography.Text>;
  return (
    <span data-testid="sla-countdowns">
      {timers.map((timer) => (
        <TimerTag key={timer.kind} wo={workOrder} timer={timer} now={now} words={words} />
      ))}
    </span>
  );
}

import { Select, type SelectProps, Tag } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth';
import { ActiveSwitch, RemoteSelect, type RemoteSelectProps, type StatusStyle, useRecord } from '../../components';
import { formatInZone } from '../maintenance/format';
import { bandOf, bandPosition, belowLast, numberText, outBy } from './band';
import {
  DEVIATION_STATUSES,
  DEVIATIONS,
  type DeviationStatus,
  METER_KINDS,
  PATROL_PLANS,
  POINTS,
  READING_POINT_KINDS,
  READING_SOURCES,
  type ReadingPoint,
} from './types';

/** 待纠偏 red, 待复测 orange, 已纠正 green. */
export const DEVIATION_STYLES: Record<DeviationStatus, StatusStyle> = {
  open: { color: 'error', label: 'readings:deviationStatus.open' },
  awaiting_recheck: { color: 'warning', label: 'readings:deviationStatus.awaiting_recheck' },
  corrected: { color: 'success', label: 'readings:deviationStatus.corrected' },
};

export function useKindOptions() {
  const { t } = useTranslation('readings');
  return READING_POINT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }));
}

export function useMeterKindOptions() {
  const { t } = useTranslation('readings');
  return METER_KINDS.map((k) => ({ value: k, label: t(`meterKind.${k}`) }));
}

export function useSourceOptions() {
  const { t } = useTranslation('readings');
  return READING_SOURCES.map((k) => ({ value: k, label: t(`source.${k}`) }));
}

export function useDeviationStatusOptions() {
  const { t } = useTranslation('readings');
  return DEVIATION_STATUSES.map((k) => ({ value: k, label: t(`deviationStatus.${k}`) }));
}

/** A site's instant as its wall clock (`YYYY-MM-DD HH:mm`): due and read times mean the site's local time. */
export function useSiteTime() {
  const me = useMe();
  return (iso: string | null | undefined, siteId: string) => formatInZone(iso, me.sites.find((s) => s.id === siteId)?.timezone);
}

/** 在范围内 / 超出范围 of a stored reading; nothing when the point has no band. */
export function InBandTag({ inBand }: { inBand: boolean | null }) {
  const { t } = useTranslation('readings');
  if (inBand === null) return null;
  return <Tag color={inBand ? 'success' : 'error'}>{t(inBand ? 'band.in' : 'band.out')}</Tag>;
}

/**
 * What a value being typed means against the point's band, at once: 在范围内, 偏高 1.2 °C,
 * 偏低… — the same rule the server applies when it is sent.
 */
export function BandFeedback({
  point,
  value,
}: {
  point: Pick<ReadingPoint, 'target' | 'tolerance' | 'min' | 'max' | 'unit' | 'kind' | 'lastValue'>;
  value: number | null | undefined;
}) {
  const { t } = useTranslation('readings');
  if (value === null || value === undefined) return null;
  // a meter below its last reading is an error of the input itself, said under it
  if (belowLast(value, point)) return null;
  const band = bandOf(point);
  const pos = bandPosition(value, band);
  if (pos === null) return null;
  if (pos === 'in') {
    return (
      <Tag color="success" data-testid="band-feedback" data-band="in">
        {t('band.in')}
      </Tag>
    );
  }
  const by = `${numberText(outBy(value, band))}${point.unit ? ` ${point.unit}` : ''}`;
  return (
    <Tag color="error" data-testid="band-feedback" data-band={pos}>
      {t(pos === 'high' ? 'band.high' : 'band.low', { by })}
    </Tag>
  );
}

interface PatrolPlanRow {
  id: string;
  name: string;
  siteId: string;
}

/**
 * A route (巡检计划) of a site, searched by name. A route picked here has its label from
 * the search; the route the page starts with has it from the points on the page
 * (`patrolPlanName`). The plan itself is read for its label only when no point is on it (a
 * link to a route without points yet), once the points have loaded.
 */
export function RouteSelect({
  siteId,
  points,
  onChange,
  ...props
}: {
  siteId: string | null | undefined;
  /** the points on the page once loaded (undefined while loading), which carry their routes' names */
  points: Pick<ReadingPoint, 'patrolPlanId' | 'patrolPlanName'>[] | undefined;
} & Omit<SelectProps<string | string[]>, 'options'>) {
  const can = useCan();
  const picked = useRef(new Set<string>());
  const chosen = typeof props.value === 'string' ? props.value : null;
  const knownName = chosen ? (points?.find((p) => p.patrolPlanId === chosen)?.patrolPlanName ?? null) : null;
  const unlabelled = chosen && points && !knownName && !picked.current.has(chosen) && can('patrols:read') ? chosen : null;
  const read = useRecord<PatrolPlanRow>(PATROL_PLANS, unlabelled);
  const label = knownName ?? read.data?.name;
  return (
    <RemoteSelect<PatrolPlanRow>
      resource={PATROL_PLANS}
      params={{ siteId: siteId ?? undefined, active: '1' }}
      labelOf={(p) => p.name}
      initialOptions={chosen && label ? [{ value: chosen, label }] : undefined}
      disabled={!siteId}
      allowClear
      popupMatchSelectWidth={false}
      onChange={(value, option) => {
        if (typeof value === 'string') picked.current.add(value);
        onChange?.(value, option);
      }}
      {...props}
    />
  );
}

/** A reading point of the person's sites, searched by code or name. */
export function PointSelect(props: Omit<RemoteSelectProps<ReadingPoint>, 'resource' | 'labelOf' | 'params'> & { siteId?: string | null }) {
  const { siteId, ...rest } = props;
  return (
    <RemoteSelect<ReadingPoint>
      resource={POINTS}
      params={{ siteId: siteId ?? undefined }}
      labelOf={(p) => `${p.code} ${p.name}`}
      allowClear
      popupMatchSelectWidth={false}
      {...rest}
    />
  );
}

/** 启用/停用 a point with a confirmation (POST /reading-points/:id/active); a stopped point is no longer due. */
export function PointActiveSwitch({
  point,
  disabled,
  onDone,
}: {
  point: Pick<ReadingPoint, 'id' | 'name' | 'active' | 'version'>;
  disabled?: boolean;
  onDone?: () => void;
}) {
  const { t } = useTranslation('readings');
  return (
    <ActiveSwitch
      resource={POINTS}
      record={point}
      hints={{ activate: t('active.activateHint'), deactivate: t('active.deactivateHint') }}
      invalidate={[DEVIATIONS]}
      disabled={disabled}
      onDone={onDone}
    />
  );
}

/** Select of the active/inactive filter used by the lists. */
export function ActiveFilter(props: Omit<SelectProps<string>, 'options'>) {
  const { t } = useTranslation('readings');
  return (
    <Select<string>
      allowClear
      placeholder={t('common:status.label')}
      style={{ width: 100 }}
      {...props}
      options={[
        { value: '1', label: t('common:status.active') },
        { value: '0', label: t('common:status.inactive') },
      ]}
    />
  );
}

import dayjs from 'dayjs';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkOrderDto } from '../../../../contracts/workorders';
import { useDictionary } from '../../components';
import { formatMoney } from '../equipment/format';

/** Audit diffs name the stored columns; the history shows them as the detail page does. */
const FIELDS: Record<string, string> = {
  status: 'field.status',
  pause_reason: 'field.pauseReason',
  channel: 'field.channel',
  kind: 'field.kind',
  location_id: 'field.location',
  asset_id: 'field.asset',
  category: 'field.category',
  urgency: 'field.urgency',
  description: 'field.description',
  appointment_at: 'field.appointmentAt',
  requester_name: 'field.requesterName',
  requester_phone: 'field.requesterPhone',
  requester_department: 'field.requesterDepartment',
  owner_id: 'field.owner',
  team_id: 'field.team',
  assignee_id: 'field.assignee',
  in_pool: 'field.pool',
  dispatched_at: 'field.dispatchedAt',
  accepted_at: 'field.acceptedAt',
  arrived_at: 'field.arrivedAt',
  started_at: 'field.startedAt',
  resolved_at: 'field.resolvedAt',
  completed_at: 'field.completedAt',
  cancelled_at: 'field.cancelledAt',
  cancel_reason: 'field.cancelReason',
  cause: 'field.cause',
  result: 'field.result',
  rating_attitude: 'field.ratingAttitude',
  rating_quality: 'field.ratingQuality',
  rating_efficiency: 'field.ratingEfficiency',
  rating_comment: 'field.ratingComment',
  rated_at: 'field.ratedAt',
  rework_count: 'field.reworkCount',
  material_cost: 'field.materialCost',
  counter_id: 'field.counter',
};

/** Coded columns and their translation prefix. */
const CODES: Record<string, string> = { status: 'status', pause_reason: 'pauseReason', channel: 'channel', kind: 'kind', cause: 'cause' };

/**
 * Field names and values of a work order's audit history in words: codes by their
 * labels, money in yuan, and the people, team, location and asset by name when they are
 * the order's current ones (other ids are shown as stored).
 */
export function useWorkOrderHistoryLabels(wo: WorkOrderDto | undefined) {
  const { t } = useTranslation('workorders');
  const categories = useDictionary('repair_category');
  const urgencies = useDictionary('urgency');

  const fieldLabel = useCallback((field: string) => (FIELDS[field] ? t(FIELDS[field]) : undefined), [t]);

  const valueLabel = useCallback(
    (field: string, value: unknown): string | null | undefined => {
      if (CODES[field] && typeof value === 'string') return t(`${CODES[field]}.${value}`, { defaultValue: value });
      if (field === 'category' && typeof value === 'string') return categories.label(value);
      if (field === 'urgency' && typeof value === 'string') return urgencies.label(value);
      if (field === 'material_cost' && typeof value === 'number') return formatMoney(value);
      if (field === 'in_pool' && (value === 0 || value === 1)) return t(value ? 'common:yes' : 'common:no');
      if (field.endsWith('_at') && typeof value === 'string') return dayjs(value).format('YYYY-MM-DD HH:mm');
      if (!wo || typeof value !== 'string') return undefined;
      const current: Record<string, [string | null, string | null]> = {
        owner_id: [wo.ownerId, wo.ownerName],
        assignee_id: [wo.assigneeId, wo.assigneeName],
        team_id: [wo.teamId, wo.teamName],
        location_id: [wo.locationId, wo.locationPath],
        asset_id: [wo.assetId, wo.assetId ? `${wo.assetCode} ${wo.assetName}` : null],
      };
      const [id, name] = current[field] ?? [null, null];
      return id === value && name ? name : undefined;
    },
    [t, wo, categories, urgencies],
  );

  return { fieldLabel, valueLabel };
}

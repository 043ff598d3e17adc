import { Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { StatusTag } from '../../components';
import { WARRANTY_DAYS } from './AssetFilters';
import { STATUS_STYLES } from './options';
import type { AssetStatus } from './types';

/** The status tag, plus 丢失 in red when the asset is flagged lost. */
export function AssetStatusTags({ status, lost }: { status: AssetStatus; lost: boolean }) {
  const { t } = useTranslation('equipment');
  return (
    <Space size={4} wrap>
      <StatusTag status={status} map={STATUS_STYLES} />
      {lost ? (
        <Tag color="red" variant="solid">
          {t('asset.lost')}
        </Tag>
      ) : null}
    </Space>
  );
}

/** A date that matters when it is near or past (warranty end, service due…): red when past, orange within `days`. */
export function DueDate({ value, days = WARRANTY_DAYS }: { value: string | null | undefined; days?: number }) {
  if (!value) return <Typography.Text type="secondary">—</Typography.Text>;
  const left = dayjs(value).diff(dayjs().startOf('day'), 'day');
  const type = left < 0 ? 'danger' : left <= days ? 'warning' : undefined;
  return <Typography.Text type={type}>{value}</Typography.Text>;
}

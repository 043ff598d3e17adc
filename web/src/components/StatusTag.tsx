import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

export interface StatusStyle {
  /** antd Tag color: success, processing, warning, error, default, or a colour name */
  color: string;
  /** i18n key with namespace, e.g. 'workorders:status.open' */
  label: string;
}

export type StatusTagProps =
  | { active: boolean; status?: never; map?: never }
  | { status: string; map: Record<string, StatusStyle>; active?: never };

/**
 * A coloured status label. `<StatusTag active={row.active} />` for 启用/停用, or
 * `<StatusTag status={row.status} map={STATUS} />` with a module's own states.
 */
export function StatusTag(props: StatusTagProps) {
  const { t } = useTranslation();
  if (props.map === undefined) {
    return <Tag color={props.active ? 'success' : 'default'}>{t(props.active ? 'common:status.active' : 'common:status.inactive')}</Tag>;
  }
  const style = props.map[props.status];
  return <Tag color={style?.color ?? 'default'}>{style ? t(style.label) : props.status}</Tag>;
}

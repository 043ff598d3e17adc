import { Select, type SelectProps, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../../../contracts/permissions';
import { StatusTag, useDictionary, useList } from '../../components';
import { ROUND_STYLES } from './logic';
import { PATROL_KINDS, type PatrolKind, type Round } from './types';

/** The patrol levels (经理开店前巡视, 防火巡查…): the patrol_level dictionary. */
export const usePatrolLevels = () => useDictionary('patrol_level');

export function LevelTag({ level }: { level: string }) {
  const levels = usePatrolLevels();
  return (
    <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>
      {levels.label(level)}
    </Tag>
  );
}

export function useKindOptions() {
  const { t } = useTranslation('patrols');
  return PATROL_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }));
}

/** 随机抽查 stands out: its points and time are drawn by the system. */
export function KindTag({ kind }: { kind: PatrolKind }) {
  const { t } = useTranslation('patrols');
  return kind === 'random' ? (
    <Tag color="purple" style={{ marginInlineEnd: 0 }}>
      {t('kind.random')}
    </Tag>
  ) : null;
}

/** The round's state, with 按时 / 超时完成 beside a finished one. */
export function RoundStatusTags({ round }: { round: Pick<Round, 'status' | 'onTime'> }) {
  const { t } = useTranslation('patrols');
  return (
    <Space size={4} wrap>
      <StatusTag status={round.status} map={ROUND_STYLES} />
      {round.status === 'done' && round.onTime !== null ? (
        <Tag color={round.onTime ? 'green' : 'orange'} style={{ marginInlineEnd: 0 }}>
          {t(round.onTime ? 'round.onTime' : 'round.late')}
        </Tag>
      ) : null}
    </Space>
  );
}

interface RoleRow {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  permissions: string[];
}

const DOER: Permission = 'patrols:do';

/** Roles whose holders may do rounds (they hold patrols:do), by code: a plan assigned to a role names its code. */
export function RoleSelect({ currentName, ...props }: Omit<SelectProps<string>, 'options'> & { currentName?: string | null }) {
  const { i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const roles = useList<RoleRow>('/roles', { active: '1', limit: 200, sort: 'code' });
  const options = (roles.data?.items ?? [])
    .filter((r) => r.permissions.includes(DOER))
    .map((r) => ({ value: r.code, label: en ? r.nameEn || r.name : r.name }));
  if (props.value && !options.some((o) => o.value === props.value))
    options.unshift({ value: props.value, label: currentName || props.value });
  return <Select<string> showSearch={{ optionFilterProp: 'label' }} loading={roles.isPending} {...props} options={options} />;
}

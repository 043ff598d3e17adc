import { App, Button, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useCan, useMe } from '../../app/auth';
import {
  ActiveToggle,
  FormDrawer,
  PageContainer,
  type QueryColumn,
  QueryTable,
  StatusTag,
  UserSelect,
  useErrorText,
} from '../../components';
import { HistoryPanel } from '../../components/HistoryPanel';
import { CODE_PATTERN, useActiveOptions } from './options';
import type { Team, TeamDetail, UserBrief } from './types';

interface TeamValues {
  code: string;
  name: string;
  siteId?: string | null;
  leaderId?: string | null;
  memberIds?: string[];
}

const userLabel = (u: UserBrief) => `${u.name}（${u.username}）`;
const ORG_WIDE = 'none';

/** 班组: teams of a site (or organisation-wide) with a leader and members. */
export default function TeamsPage() {
  const { t } = useTranslation('org');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useMe();
  const can = useCan();
  const activeOptions = useActiveOptions();
  const [editing, setEditing] = useState<TeamDetail | null>(null);
  const [open, setOpen] = useState(false);
  const [loadingId, setLoadingId] = useState<string | null>(null);
  const siteOptions = me.sites.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }));

  // the list rows carry no members: edit starts from the team's detail
  const edit = async (team: Team | null) => {
    if (!team) {
      setEditing(null);
      setOpen(true);
      return;
    }
    setLoadingId(team.id);
    try {
      setEditing(await api.get<TeamDetail>(`/teams/${team.id}`));
      setOpen(true);
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setLoadingId(null);
    }
  };

  const canManage = (siteId: string | null) => (siteId ? can('org:manage', siteId) : can.everywhere('org:manage'));

  const columns: QueryColumn<Team>[] = [
    { title: t('teams.code'), dataIndex: 'code', sorter: true },
    { title: t('teams.name'), dataIndex: 'name', sorter: true },
    { title: t('teams.site'), dataIndex: 'siteName', render: (v: string | null) => v ?? t('teams.orgWide') },
    { title: t('teams.leader'), dataIndex: 'leaderName', render: (v: string | null) => v ?? '—' },
    { title: t('teams.memberCount'), dataIndex: 'memberCount', align: 'right' },
    { title: t('common:status.label'), dataIndex: 'active', render: (a: boolean) => <StatusTag active={a} /> },
    {
      title: t('common:table.actions'),
      key: 'actions',
      render: (_, r) =>
        canManage(r.siteId) ? (
          <Space size={0}>
            <Button type="link" size="small" loading={loadingId === r.id} onClick={() => void edit(r)}>
              {t('common:actions.edit')}
            </Button>
            <ActiveToggle resource="/teams" record={r} name={r.name} />
          </Space>
        ) : null,
    },
  ];

  return (
    <PageContainer title={t('teams.title')} subtitle={t('teams.subtitle')}>
      <QueryTable<Team>
        resource="/teams"
        columns={can('org:manage') ? columns : columns.filter((col) => col.key !== 'actions')}
        defaultSort="code"
        searchPlaceholder={t('teams.search')}
        onCreate={can('org:manage') ? () => void edit(null) : undefined}
        createLabel={t('teams.create')}
        filters={
          <>
            <Form.Item name="siteId">
              <Select
                allowClear
                placeholder={t('teams.site')}
                options={[...siteOptions, { value: ORG_WIDE, label: t('teams.orgWide') }]}
                style={{ width: 160 }}
              />
            </Form.Item>
            <Form.Item name="active">
              <Select allowClear placeholder={t('common:status.label')} options={activeOptions} style={{ width: 120 }} />
            </Form.Item>
          </>
        }
      />
      <FormDrawer<TeamValues, TeamDetail, TeamDetail>
        open={open}
        onClose={() => setOpen(false)}
        title={editing ? t('teams.edit', { name: editing.name }) : t('teams.create')}
        resource="/teams"
        record={editing}
        initialValues={{ siteId: me.sites.length === 1 ? me.sites[0]?.id : undefined, memberIds: [] }}
        toValues={(r) => ({ code: r.code, name: r.name, siteId: r.siteId, leaderId: r.leaderId, memberIds: r.members.map((m) => m.id) })}
        toBody={(v) => ({
          code: v.code.trim(),
          name: v.name.trim(),
          siteId: v.siteId ?? null,
          leaderId: v.leaderId ?? null,
          memberIds: v.memberIds ?? [],
        })}
      >
        <Form.Item
          name="code"
          label={t('teams.code')}
          rules={[{ required: true, whitespace: true }, { max: 32 }, { pattern: CODE_PATTERN, message: t('teams.codeInvalid') }]}
        >
          <Input placeholder="CC-WX1" />
        </Form.Item>
        <Form.Item name="name" label={t('teams.name')} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="siteId" label={t('teams.site')} extra={t('teams.siteHint')}>
          <Select allowClear options={siteOptions} placeholder={t('teams.orgWide')} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="leaderId" label={t('teams.leader')}>
          <UserSelect
            placeholder={t('teams.leaderPlaceholder')}
            initialOptions={editing?.leader ? [{ value: editing.leader.id, label: userLabel(editing.leader) }] : []}
          />
        </Form.Item>
        <Form.Item name="memberIds" label={t('teams.members')} extra={t('teams.membersHint')}>
          <UserSelect
            mode="multiple"
            placeholder={t('teams.membersPlaceholder')}
            initialOptions={editing?.members.map((m) => ({ value: m.id, label: userLabel(m) })) ?? []}
          />
        </Form.Item>
        {editing ? <HistoryPanel entity="team" entityId={editing.id} version={editing.version} /> : null}
      </FormDrawer>
    </PageContainer>
  );
}

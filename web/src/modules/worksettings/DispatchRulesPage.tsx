import { Button, Form, type FormInstance, InputNumber, Radio, Select, Space, Tag, TreeSelect, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth';
import {
  ActiveToggle,
  FormDrawer,
  PageContainer,
  QueryTable,
  RemoteSelect,
  SiteSelect,
  StatusTag,
  UserSelect,
  useDictionary,
} from '../../components';
import { HistoryPanel } from '../../components/HistoryPanel';
import { useLocationTree } from '../equipment/options';
import { toTreeOptions } from '../equipment/tree';
import type { DispatchRule } from '../workorders/work/types';

interface Values {
  siteId: string;
  category?: string | null;
  locationId?: string | null;
  targetType: 'team' | 'person';
  teamId?: string | null;
  assigneeId?: string | null;
  sort?: number | null;
}

interface TeamRow {
  id: string;
  name: string;
  code: string;
}

/** The drawer's fields: location and team lists follow the chosen site; team or person, never both. */
function RuleFields({ form, record }: { form: FormInstance<Values>; record: DispatchRule | null }) {
  const { t } = useTranslation('wowork');
  const categories = useDictionary('repair_category');
  const siteId = Form.useWatch('siteId', form);
  const targetType = Form.useWatch('targetType', form);
  const locations = useLocationTree(siteId);
  const clearSiteBound = () => form.setFieldsValue({ locationId: null, teamId: null });
  return (
    <>
      <Form.Item
        name="siteId"
        label={t('dispatchRules.site')}
        rules={[{ required: true, message: t('validation.select', { field: t('dispatchRules.site') }) }]}
      >
        <SiteSelect onChange={clearSiteBound} />
      </Form.Item>
      <Form.Item name="category" label={t('dispatchRules.category')}>
        <Select allowClear placeholder={t('dispatchRules.anyCategory')} options={categories.options} loading={categories.loading} />
      </Form.Item>
      <Form.Item name="locationId" label={t('dispatchRules.location')} extra={t('dispatchRules.locationHint')}>
        <TreeSelect
          allowClear
          treeData={toTreeOptions(locations.data?.nodes ?? [])}
          showSearch={{ treeNodeFilterProp: 'title' }}
          disabled={!siteId}
          loading={locations.isFetching}
          placeholder={siteId ? t('dispatchRules.anyLocation') : t('dispatchRules.siteFirst')}
        />
      </Form.Item>
      <Form.Item name="targetType" label={t('dispatchRules.targetType')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'team', label: t('dispatchRules.team') },
            { value: 'person', label: t('dispatchRules.person') },
          ]}
        />
      </Form.Item>
      {targetType === 'person' ? (
        <Form.Item
          name="assigneeId"
          label={t('dispatchRules.person')}
          rules={[{ required: true, message: t('validation.select', { field: t('dispatchRules.person') }) }]}
        >
          <UserSelect
            initialOptions={record?.assigneeId ? [{ value: record.assigneeId, label: record.assigneeName ?? record.assigneeId }] : []}
          />
        </Form.Item>
      ) : (
        <Form.Item
          name="teamId"
          label={t('dispatchRules.team')}
          rules={[{ required: true, message: t('validation.select', { field: t('dispatchRules.team') }) }]}
        >
          <RemoteSelect<TeamRow>
            resource="/teams"
            params={{ siteId, active: '1' }}
            labelOf={(team) => `${team.name}（${team.code}）`}
            disabled={!siteId}
            placeholder={siteId ? undefined : t('dispatchRules.siteFirst')}
            initialOptions={record?.teamId ? [{ value: record.teamId, label: record.teamName ?? record.teamId }] : []}
          />
        </Form.Item>
      )}
      <Form.Item name="sort" label={t('dispatchRules.sort')} extra={t('dispatchRules.sortHint')}>
        <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </>
  );
}

/** 自动派单规则: list with filters and export, create/edit in a drawer, deactivate. */
export default function DispatchRulesPage() {
  const { t } = useTranslation('wowork');
  const can = useCan();
  const categories = useDictionary('repair_category');
  const [drawer, setDrawer] = useState<{ record: DispatchRule | null } | null>(null);
  const manage = can('workorders:manage');
  const any = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;

  return (
    <PageContainer title={t('dispatchRules.title')} subtitle={t('dispatchRules.subtitle')}>
      <QueryTable<DispatchRule>
        resource="/dispatch-rules"
        defaultSort="sort"
        onCreate={manage ? () => setDrawer({ record: null }) : undefined}
        createLabel={t('dispatchRules.create')}
        filters={
          <>
            <Form.Item name="siteId">
              <SiteSelect allowClear placeholder={t('dispatchRules.site')} style={{ minWidth: 160 }} />
            </Form.Item>
            <Form.Item name="category">
              <Select allowClear placeholder={t('dispatchRules.category')} options={categories.options} style={{ minWidth: 140 }} />
            </Form.Item>
            <Form.Item name="active">
              <Select
                allowClear
                placeholder={t('common:status.label')}
                style={{ minWidth: 100 }}
                options={[
                  { value: '1', label: t('common:status.active') },
                  { value: '0', label: t('common:status.inactive') },
                ]}
              />
            </Form.Item>
          </>
        }
        columns={[
          { title: t('dispatchRules.site'), dataIndex: 'siteName' },
          {
            title: t('dispatchRules.category'),
            dataIndex: 'category',
            render: (v: string | null) => (v ? categories.label(v) : any(t('dispatchRules.anyCategory'))),
          },
          {
            title: t('dispatchRules.location'),
            dataIndex: 'locationPath',
            render: (v: string | null) => v ?? any(t('dispatchRules.anyLocation')),
          },
          {
            title: t('dispatchRules.target'),
            key: 'target',
            render: (_: unknown, r: DispatchRule) =>
              r.teamId ? (
                <Tag color="blue">{t('dispatchRules.teamTurn', { team: r.teamName })}</Tag>
              ) : (
                <Tag color="green">{r.assigneeName}</Tag>
              ),
          },
          { title: t('dispatchRules.sort'), dataIndex: 'sort', sorter: true },
          { title: t('dispatchRules.lastAssignee'), dataIndex: 'lastAssigneeName', render: (v: string | null) => v ?? '—' },
          { title: t('common:status.label'), dataIndex: 'active', render: (v: boolean) => <StatusTag active={v} /> },
          ...(manage
            ? [
                {
                  title: t('common:table.actions'),
                  key: 'actions',
                  render: (_: unknown, r: DispatchRule) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setDrawer({ record: r })}>
                        {t('common:actions.edit')}
                      </Button>
                      <ActiveToggle resource="/dispatch-rules" record={r} name={r.teamName ?? r.assigneeName ?? ''} />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormDrawer<Values, DispatchRule, DispatchRule>
        open={drawer !== null}
        onClose={() => setDrawer(null)}
        title={drawer?.record ? t('dispatchRules.edit') : t('dispatchRules.create')}
        resource="/dispatch-rules"
        record={drawer?.record ?? null}
        initialValues={{ targetType: 'team', sort: 0 }}
        toValues={(r) => ({
          siteId: r.siteId,
          category: r.category,
          locationId: r.locationId,
          targetType: r.teamId ? 'team' : 'person',
          teamId: r.teamId,
          assigneeId: r.assigneeId,
          sort: r.sort,
        })}
        toBody={(v) => ({
          siteId: v.siteId,
          category: v.category || null,
          locationId: v.locationId || null,
          teamId: v.targetType === 'team' ? (v.teamId ?? null) : null,
          assigneeId: v.targetType === 'person' ? (v.assigneeId ?? null) : null,
          sort: v.sort ?? 0,
        })}
      >
        {(form) => (
          <>
            <RuleFields form={form} record={drawer?.record ?? null} />
            {drawer?.record ? <HistoryPanel entity="dispatch_rule" entityId={drawer.record.id} version={drawer.record.version} /> : null}
          </>
        )}
      </FormDrawer>
    </PageContainer>
  );
}

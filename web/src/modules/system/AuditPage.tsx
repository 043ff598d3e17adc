import { Form, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer, type QueryColumn, QueryTable, SiteSelect, UserSelect } from '../../components';
import { ActionTag, type AuditEntry, useAuditLabels } from '../../components/HistoryPanel';
import { AuditDetailDrawer } from './AuditDetailDrawer';
import { useAuditFilterOptions } from './auditOptions';
import { DateRangeFilter } from './DateRangeFilter';

/** 审计日志: every change, newest first, filtered by record type, action, person, site and days; Excel export. */
export default function AuditPage() {
  const { t } = useTranslation('system');
  const { entityLabel, fieldLabel } = useAuditLabels();
  const options = useAuditFilterOptions();
  const [selected, setSelected] = useState<AuditEntry | null>(null);

  const columns: QueryColumn<AuditEntry>[] = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      sorter: true,
      width: 150,
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss'),
    },
    { title: t('audit.actor'), dataIndex: 'actorName', render: (v: string | null) => v ?? t('audit.system') },
    { title: t('audit.action'), dataIndex: 'action', render: (a: string, r: AuditEntry) => <ActionTag action={a} entity={r.entity} /> },
    { title: t('audit.entity'), dataIndex: 'entity', render: (e: string) => entityLabel(e) },
    {
      title: t('audit.entityId'),
      dataIndex: 'entityId',
      render: (id: string) => (
        <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }} title={id}>
          {id.length > 12 ? `…${id.slice(-8)}` : id}
        </Typography.Text>
      ),
    },
    { title: t('audit.site'), dataIndex: 'siteName', render: (v: string | null) => v ?? t('audit.orgWide') },
    {
      title: t('audit.changes'),
      key: 'changes',
      render: (_, r) => {
        const fields = Object.keys(r.diff).map(fieldLabel).join(t('audit.listSep'));
        return fields ? (
          <Typography.Text ellipsis style={{ maxWidth: 260 }} title={fields}>
            {fields}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        );
      },
    },
  ];

  return (
    <PageContainer title={t('audit.title')} subtitle={t('audit.subtitle')}>
      <QueryTable<AuditEntry>
        resource="/audit"
        columns={columns}
        defaultSort="-at"
        searchPlaceholder={t('audit.search')}
        onRowClick={setSelected}
        filters={
          <>
            <Form.Item name="entity">
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('audit.entity')}
                options={options.entities}
                style={{ width: 140 }}
                data-testid="audit-entity"
              />
            </Form.Item>
            <Form.Item name="action">
              <Select allowClear placeholder={t('audit.action')} options={options.actions} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="actorId">
              <UserSelect placeholder={t('audit.actor')} style={{ width: 180 }} params={{ active: undefined }} />
            </Form.Item>
            <Form.Item name="siteId">
              <SiteSelect allowClear placeholder={t('audit.site')} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="from">
              <DateRangeFilter />
            </Form.Item>
            <Form.Item name="to" hidden>
              <input type="hidden" />
            </Form.Item>
          </>
        }
      />
      <AuditDetailDrawer entry={selected} onClose={() => setSelected(null)} />
    </PageContainer>
  );
}

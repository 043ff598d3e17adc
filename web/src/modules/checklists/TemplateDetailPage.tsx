import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Skeleton, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ChecklistTemplateDto, ChecklistTemplateVersionDto } from '../../../../contracts/checklists';
import { useCan } from '../../app/auth';
import { DetailPage, StatusTag, useErrorText, useRecord } from '../../components';
import { HistoryPanel } from '../../components/HistoryPanel';
import { ItemsTable } from './ItemsTable';
import { PURPOSE_COLORS } from './options';
import { TemplateActiveButton } from './TemplateActiveButton';
import { RESOURCE, TemplateDrawer } from './TemplateDrawer';

const time = (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm');

const HISTORY_FIELDS: Record<string, string> = {
  code: 'field.code',
  name: 'field.name',
  purpose: 'field.purpose',
  description: 'field.description',
  items: 'field.items',
  current_version: 'field.currentVersion',
  currentVersion: 'field.currentVersion',
  active: 'field.active',
};

/** The versions list answer: a page ({items}) or a plain array, both read the same. */
type VersionsAnswer = { items: ChecklistTemplateVersionDto[] } | ChecklistTemplateVersionDto[];

/** 检查表模板详情: fields, the current items, every earlier version read-only, and the audit history. */
export default function TemplateDetailPage() {
  const { t } = useTranslation('checklists');
  const { id } = useParams<{ id: string }>();
  const can = useCan();
  const record = useRecord<ChecklistTemplateDto>(RESOURCE, id);
  const tpl = record.data;
  const [editing, setEditing] = useState(false);
  const manage = can('checklists:manage');
  // audit rows name the stored columns; items are a JSON list, shown as their count
  const historyField = (field: string) => (HISTORY_FIELDS[field] ? t(HISTORY_FIELDS[field]) : undefined);
  const historyValue = (field: string, value: unknown) => {
    if (field === 'purpose' && typeof value === 'string') return t(`purpose.${value}`);
    if (field === 'items') {
      let items = value;
      try {
        if (typeof value === 'string') items = JSON.parse(value);
      } catch {
        return undefined;
      }
      return Array.isArray(items) ? t('detail.itemCount', { count: items.length }) : undefined;
    }
    return undefined;
  };

  const items = tpl
    ? [
        { key: 'code', label: t('field.code'), children: <Typography.Text copyable>{tpl.code}</Typography.Text> },
        { key: 'name', label: t('field.name'), children: tpl.name },
        {
          key: 'purpose',
          label: t('field.purpose'),
          children: <Tag color={PURPOSE_COLORS[tpl.purpose]}>{t(`purpose.${tpl.purpose}`)}</Tag>,
        },
        { key: 'currentVersion', label: t('field.currentVersion'), children: `v${tpl.currentVersion}` },
        { key: 'active', label: t('field.active'), children: <StatusTag active={tpl.active} /> },
        { key: 'updatedAt', label: t('field.updatedAt'), children: time(tpl.updatedAt) },
        {
          key: 'description',
          label: t('field.description'),
          span: 'filled' as const,
          children: <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{tpl.description || '—'}</Typography.Text>,
        },
      ]
    : undefined;

  return (
    <DetailPage
      title={tpl ? tpl.name : t('detail.title')}
      subtitle={tpl ? `${tpl.code} · v${tpl.currentVersion}` : undefined}
      backTo="/checklists/templates"
      loading={record.isPending}
      error={record.error}
      onRetry={() => void record.refetch()}
      actions={
        tpl && manage ? (
          <>
            <TemplateActiveButton record={tpl} type="default" />
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="template-edit">
              {t('common:actions.edit')}
            </Button>
          </>
        ) : null
      }
      items={items}
      history={
        tpl ? (
          <HistoryPanel
            entity="checklist_template"
            entityId={tpl.id}
            version={tpl.version}
            fieldLabel={historyField}
            valueLabel={historyValue}
          />
        ) : null
      }
    >
      {tpl ? (
        <Card size="small">
          <Tabs
            items={[
              {
                key: 'items',
                label: t('detail.currentItems', { version: tpl.currentVersion, count: tpl.items.length }),
                children: <ItemsTable items={tpl.items} />,
              },
              { key: 'versions', label: t('detail.versions'), children: <Versions template={tpl} /> },
            ]}
          />
        </Card>
      ) : null}
      <TemplateDrawer open={editing} onClose={() => setEditing(false)} record={tpl ?? null} onSaved={() => void record.refetch()} />
    </DetailPage>
  );
}

/** Every version, newest first; a row opens its items read-only. */
function Versions({ template }: { template: ChecklistTemplateDto }) {
  const { t } = useTranslation('checklists');
  const errorText = useErrorText();
  const list = useRecord<VersionsAnswer>(RESOURCE, `${template.id}/versions`);
  if (list.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (list.error) return <Typography.Text type="danger">{errorText(list.error)}</Typography.Text>;
  const raw = list.data;
  const versions = [...(Array.isArray(raw) ? raw : (raw?.items ?? []))].sort((a, b) => b.templateVersion - a.templateVersion);
  return (
    <Table<ChecklistTemplateVersionDto>
      rowKey="templateVersion"
      size="small"
      pagination={false}
      dataSource={versions}
      scroll={{ x: 'max-content' }}
      data-testid="template-versions"
      expandable={{
        expandRowByClick: true,
        expandedRowRender: (v) => <VersionItems templateId={template.id} version={v} />,
      }}
      columns={[
        {
          title: t('versions.version'),
          dataIndex: 'templateVersion',
          render: (v: number) => (
            <span>
              v{v}
              {v === template.currentVersion ? (
                <Tag color="blue" style={{ marginInlineStart: 8 }}>
                  {t('versions.current')}
                </Tag>
              ) : null}
            </span>
          ),
        },
        { title: t('versions.createdAt'), dataIndex: 'createdAt', render: (v: string) => time(v) },
        { title: t('versions.createdBy'), dataIndex: 'createdByName', render: (v: string | null) => v ?? '—' },
        { title: t('versions.itemCount'), key: 'count', align: 'right', render: (_, v) => (v.items ? v.items.length : '—') },
      ]}
    />
  );
}

/** A version's items: from the list answer when it carries them, else fetched on opening. */
function VersionItems({ templateId, version }: { templateId: string; version: ChecklistTemplateVersionDto }) {
  const errorText = useErrorText();
  const needed = !version.items;
  const one = useRecord<ChecklistTemplateVersionDto>(RESOURCE, needed ? `${templateId}/versions/${version.templateVersion}` : null);
  if (!needed) return <ItemsTable items={version.items} />;
  if (one.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (one.error) return <Typography.Text type="danger">{errorText(one.error)}</Typography.Text>;
  return <ItemsTable items={one.data?.items ?? []} />;
}

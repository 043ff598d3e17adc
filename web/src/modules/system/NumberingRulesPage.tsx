import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth';
import { PageContainer, type QueryColumn, QueryTable } from '../../components';
import { NumberingRuleDrawer } from './NumberingRuleDrawer';
import { useNumberingOptions } from './numberingOptions';
import { PreviewNumberDialog } from './PreviewNumberDialog';
import type { NumberingRule } from './types';

/** 编号规则: how each kind of document is numbered (prefix, date part, sequence, reset, per site). */
export default function NumberingRulesPage() {
  const { t } = useTranslation('system');
  const can = useCan();
  const manage = can.everywhere('numbering:manage');
  const options = useNumberingOptions();
  const [drawer, setDrawer] = useState<{ record: NumberingRule | null } | null>(null);
  const [previewing, setPreviewing] = useState<NumberingRule | null>(null);
  const labelOf = (list: { value: string; label: string }[], v: string) => list.find((o) => o.value === v)?.label ?? v;

  const columns: QueryColumn<NumberingRule>[] = [
    { title: t('numbering.code'), dataIndex: 'code', sorter: true, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('numbering.name'), dataIndex: 'name', sorter: true },
    {
      title: t('numbering.sample'),
      dataIndex: 'sample',
      render: (v: string) => <Typography.Text style={{ fontFamily: 'monospace' }}>{v}</Typography.Text>,
    },
    { title: t('numbering.dateFormat'), dataIndex: 'dateFormat', render: (v: string) => labelOf(options.dateFormats, v) },
    { title: t('numbering.seqWidth'), dataIndex: 'seqWidth', align: 'right' },
    { title: t('numbering.reset'), dataIndex: 'reset', render: (v: string) => labelOf(options.resets, v) },
    { title: t('numbering.perSite'), dataIndex: 'perSite', render: (v: boolean) => t(v ? 'common:yes' : 'common:no') },
    {
      title: t('common:table.actions'),
      key: 'actions',
      render: (_, r) =>
        manage ? (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setDrawer({ record: r })}>
              {t('common:actions.edit')}
            </Button>
            <Button type="link" size="small" onClick={() => setPreviewing(r)} data-testid="numbering-preview">
              {t('numbering.previewShort')}
            </Button>
          </Space>
        ) : null,
    },
  ];

  return (
    <PageContainer title={t('numbering.title')} subtitle={t('numbering.subtitle')}>
      <QueryTable<NumberingRule>
        resource="/numbering-rules"
        columns={columns}
        defaultSort="code"
        exportable={false}
        searchPlaceholder={t('numbering.search')}
        onCreate={manage ? () => setDrawer({ record: null }) : undefined}
        createLabel={t('numbering.create')}
      />
      <NumberingRuleDrawer open={drawer !== null} record={drawer?.record ?? null} onClose={() => setDrawer(null)} />
      <PreviewNumberDialog rule={previewing} onClose={() => setPreviewing(null)} />
    </PageContainer>
  );
}

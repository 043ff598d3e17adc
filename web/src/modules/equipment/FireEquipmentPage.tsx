import { App, Button, Card, Form, Grid, Select, Space, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api';
import { useCan } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import { PageContainer, type QueryColumn, QueryTable, StatusTag, useErrorText } from '../../components';
import { ScanInput } from '../../components/ScanInput';
import { AssetFilters } from './AssetFilters';
import { DueDate } from './AssetTags';
import { FireCheckDialog, type FireTarget } from './FireCheckDialog';
import { FireServiceDialog } from './FireServiceDialog';
import { FIRE_STATE_STYLES, useFireRules, useLocalName } from './options';
import type { Asset, FireItem } from './types';

type Due = 'all' | 'check' | 'service' | 'scrap' | 'missing';
const TABS: Due[] = ['all', 'check', 'service', 'scrap', 'missing'];
/** Days ahead that a due list looks. */
const WITHIN_DAYS = 30;

/**
 * 灭火器台账: portable fire equipment with its check / service / scrap dates, the
 * due lists, a quick 月检 per item (also by scanning its label) and 维保登记.
 */
export default function FireEquipmentPage() {
  const { t } = useTranslation('equipment');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const can = useCan();
  const screens = Grid.useBreakpoint();
  const selectedSite = useSelectedSite();
  const [tab, setTab] = useState<Due>('all');
  const [checking, setChecking] = useState<FireTarget | null>(null);
  const [servicing, setServicing] = useState<FireTarget | null>(null);
  const [looking, setLooking] = useState(false);
  const mayCheck = can('fire:check');
  const rules = useFireRules();
  const localName = useLocalName();
  const params = useMemo(
    () => ({ due: tab === 'all' ? undefined : tab, within: tab === 'all' || tab === 'missing' ? undefined : WITHIN_DAYS }),
    [tab],
  );

  // a scanned label opens the check form of that item
  const lookup = async (code: string) => {
    setLooking(true);
    try {
      const page = await api.list<Asset>('/assets', { q: code, fire: '1', limit: 5 });
      const hit = page.items.find((a) => a.code === code || a.qrCode === code) ?? (page.items.length === 1 ? page.items[0] : undefined);
      if (hit) setChecking(hit);
      else message.warning(t('fire.notFound', { code }));
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setLooking(false);
    }
  };

  const actions = (r: FireItem) => {
    if (!mayCheck) return null;
    const kind = screens.md ? 'link' : 'default';
    return (
      <Space size={screens.md ? 0 : 8} wrap style={screens.md ? undefined : { marginTop: 6 }}>
        <Button type={kind} size="small" onClick={() => setChecking(r)} data-testid="fire-check">
          {t('fire.check')}
        </Button>
        <Button type={kind} size="small" onClick={() => setServicing(r)} data-testid="fire-service">
          {t('fire.service')}
        </Button>
      </Space>
    );
  };

  const columns: QueryColumn<FireItem>[] = [
    {
      title: t('asset.name'),
      dataIndex: 'name',
      sorter: true,
      sortKey: 'code',
      render: (_: string, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/equipment/assets/${r.id}`}>{r.name}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.code}
          </Typography.Text>
          {/* on a phone the actions sit under the name, not at the far end of a scrolled row */}
          {screens.md ? null : actions(r)}
        </Space>
      ),
    },
    {
      title: t('asset.fireRule'),
      key: 'rule',
      render: (_, r) => {
        const rule = rules.data?.find((x) => x.id === r.ruleId);
        return rule ? localName(rule) : r.ruleName;
      },
    },
    {
      title: t('asset.place'),
      key: 'place',
      render: (_, r) => (
        <Typography.Text style={{ maxWidth: 240 }} ellipsis={{ tooltip: r.locationPath ?? r.siteName }}>
          {r.locationPath ?? r.siteName}
        </Typography.Text>
      ),
    },
    { title: t('fire.state'), dataIndex: 'state', render: (s: string) => <StatusTag status={s} map={FIRE_STATE_STYLES} /> },
    { title: t('asset.productionDate'), dataIndex: 'productionDate', render: (v: string | null) => v ?? '—' },
    {
      title: t('fire.lastCheck'),
      key: 'lastCheck',
      render: (_, r) =>
        r.lastCheckOn ? (
          <Space size={4}>
            {r.lastCheckOn}
            {r.lastCheckUsable === false ? <Tag color="error">{t('fire.notUsable')}</Tag> : null}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('fire.never')}</Typography.Text>
        ),
    },
    {
      title: t('fire.nextCheckDue'),
      dataIndex: 'nextCheckDue',
      sorter: true,
      render: (v: string | null) => <DueDate value={v} days={7} />,
    },
    { title: t('fire.nextServiceDue'), dataIndex: 'nextServiceDue', sorter: true, render: (v: string | null) => <DueDate value={v} /> },
    { title: t('fire.scrapDate'), dataIndex: 'scrapDate', sorter: true, render: (v: string | null) => <DueDate value={v} days={90} /> },
    ...(mayCheck && screens.md
      ? [
          {
            title: t('common:table.actions'),
            key: 'actions',
            fixed: 'right' as const,
            render: (_: unknown, r: FireItem) => actions(r),
          },
        ]
      : []),
  ];

  return (
    <PageContainer title={t('fire.title')} subtitle={t('fire.subtitle')} card={false}>
      {mayCheck ? (
        <Card size="small" title={t('fire.scanTitle')} style={{ marginBottom: 16 }}>
          <ScanInput onScan={lookup} busy={looking} placeholder={t('fire.scanPlaceholder')} />
        </Card>
      ) : null}
      <Card styles={{ body: { padding: 'clamp(12px, 3vw, 24px)' } }}>
        <Tabs activeKey={tab} onChange={(k) => setTab(k as Due)} items={TABS.map((k) => ({ key: k, label: t(`fire.tabs.${k}`) }))} />
        <QueryTable<FireItem>
          key={`${tab}-${selectedSite ?? 'all'}`}
          resource="/fire-equipment"
          columns={columns}
          params={params}
          searchPlaceholder={t('list.search')}
          filters={
            <>
              <AssetFilters fireOnly />
              <Form.Item name="ruleId">
                <Select
                  allowClear
                  placeholder={t('asset.fireRule')}
                  options={(rules.data ?? []).map((r) => ({ value: r.id, label: localName(r) }))}
                  style={{ width: screens.sm ? 150 : '100%' }}
                />
              </Form.Item>
            </>
          }
        />
      </Card>
      <FireCheckDialog target={checking} onClose={() => setChecking(null)} />
      <FireServiceDialog target={servicing} onClose={() => setServicing(null)} />
    </PageContainer>
  );
}

import { App, Button, Card, Col, Descriptions, Flex, Input, Popconfirm, Row, Space, Statistic, Tabs, TreeSelect, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../app/api';
import { useCan } from '../../app/auth';
import { LoadError, PageContainer, PageLoading, StatusTag, useErrorText, useInvalidate, useRecord } from '../../components';
import { ScanInput } from '../../components/ScanInput';
import { CloseStocktakeDialog } from './CloseStocktakeDialog';
import { STOCKTAKE_STYLES, useLocationTree } from './options';
import { StocktakeItems } from './StocktakeItems';
import { toTreeOptions } from './tree';
import type { ScanOutcome, StocktakeDetail, StocktakeItem, StocktakeItemState } from './types';

interface ScanAnswer {
  outcome?: ScanOutcome;
  result?: ScanOutcome;
  item: StocktakeItem;
}

interface ScanLine {
  key: number;
  code: string;
  outcome: ScanOutcome | 'error';
  text: string;
}

const OUTCOME_TYPES: Record<ScanLine['outcome'], 'success' | 'warning' | 'secondary' | 'danger'> = {
  found: 'success',
  misplaced: 'warning',
  unexpected: 'warning',
  already: 'secondary',
  error: 'danger',
};

/** The server's message names the code in Chinese; the translated one may not. */
const withCode = (code: string, text: string) => (text.includes(code) ? text : `${code} — ${text}`);

/** One stocktake: counts, the scan box, items by state with hand ticks, closing and the result. */
export default function StocktakePage() {
  const { t } = useTranslation('equipment');
  const { id = '' } = useParams<{ id: string }>();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const can = useCan();
  const record = useRecord<StocktakeDetail>('/stocktakes', id);
  const st = record.data;
  const open = st?.status === 'open';
  const [tab, setTab] = useState<StocktakeItemState | 'all'>('pending');
  const [q, setQ] = useState('');
  const [here, setHere] = useState<string | undefined>();
  const [scanning, setScanning] = useState(false);
  const [lines, setLines] = useState<ScanLine[]>([]);
  const [busyItem, setBusyItem] = useState<string | null>(null);
  const [closing, setClosing] = useState(false);
  const tree = useLocationTree(open ? st?.siteId : null);
  const mayCount = st ? can('assets:stocktake', st.siteId) : false;

  const refresh = () => invalidate('/stocktakes', `/stocktakes/${id}/items`);

  const scan = async (code: string) => {
    setScanning(true);
    try {
      const answer = await api.post<ScanAnswer>(`/stocktakes/${id}/scan`, { code, locationId: here });
      const outcome = answer.outcome ?? answer.result ?? 'found';
      const text = t(`scan.outcome.${outcome}`, {
        name: answer.item.assetName,
        code: answer.item.assetCode,
        place: answer.item.expectedLocationPath ?? '',
      });
      setLines((prev) => [{ key: Date.now(), code, outcome, text }, ...prev].slice(0, 6));
      await refresh();
    } catch (err) {
      setLines((prev) => [{ key: Date.now(), code, outcome: 'error' as const, text: withCode(code, errorText(err)) }, ...prev].slice(0, 6));
    } finally {
      setScanning(false);
    }
  };

  const tick = async (item: StocktakeItem, found: boolean) => {
    setBusyItem(item.id);
    try {
      await api.post(`/stocktakes/${id}/items/${item.id}/found`, { found, locationId: found ? here : undefined });
      await refresh();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusyItem(null);
    }
  };

  const cancel = async () => {
    if (!st) return;
    try {
      await api.post(`/stocktakes/${id}/cancel`, { version: st.version });
      await refresh();
      message.success(t('stocktake.cancelled'));
    } catch (err) {
      message.error(errorText(err));
    }
  };

  if (record.isPending) return <PageLoading />;
  if (record.error || !st) return <LoadError error={record.error} onRetry={() => void record.refetch()} />;

  const counts = st.counts;
  const stats: { key: string; label: string; value: number; color?: string; tab?: StocktakeItemState }[] = [
    { key: 'expected', label: t('stocktake.count.expected'), value: counts.expected },
    { key: 'found', label: t('stocktake.count.found'), value: counts.found, color: '#389e0d', tab: 'found' },
    open
      ? { key: 'pending', label: t('stocktake.count.pending'), value: counts.missing, tab: 'pending' }
      : {
          key: 'missing',
          label: t('stocktake.count.missing'),
          value: counts.missing,
          color: counts.missing ? '#cf1322' : undefined,
          tab: 'missing',
        },
    {
      key: 'unexpected',
      label: t('stocktake.count.unexpected'),
      value: counts.unexpected,
      color: counts.unexpected ? '#722ed1' : undefined,
      tab: 'unexpected',
    },
    {
      key: 'misplaced',
      label: t('stocktake.count.misplaced'),
      value: counts.misplaced,
      color: counts.misplaced ? '#d46b08' : undefined,
      tab: 'misplaced',
    },
  ];
  const tabs: (StocktakeItemState | 'all')[] = [open ? 'pending' : 'missing', 'found', 'misplaced', 'unexpected', 'all'];
  const activeTab = tabs.includes(tab) ? tab : (tabs[0] as StocktakeItemState);
  const result = st.result;

  return (
    <PageContainer
      title={st.title}
      subtitle={
        <Space wrap size={4}>
          <span>{st.number}</span>
          <span>·</span>
          <span>{st.locationPath ?? st.siteName}</span>
          <StatusTag status={st.status} map={STOCKTAKE_STYLES} />
        </Space>
      }
      backTo="/equipment/stocktakes"
      card={false}
      extra={
        open && mayCount ? (
          <>
            <Popconfirm
              title={t('stocktake.cancelConfirm')}
              okText={t('stocktake.cancel')}
              cancelText={t('common:actions.cancel')}
              onConfirm={cancel}
            >
              <Button danger>{t('stocktake.cancel')}</Button>
            </Popconfirm>
            <Button type="primary" onClick={() => setClosing(true)} data-testid="stocktake-close">
              {t('stocktake.close')}
            </Button>
          </>
        ) : null
      }
    >
      <Row gutter={[8, 8]} style={{ marginBottom: 16 }}>
        {stats.map((s) => (
          <Col key={s.key} xs={8} md={{ flex: '20%' }}>
            <Card size="small" hoverable={Boolean(s.tab)} onClick={() => s.tab && setTab(s.tab)} styles={{ body: { padding: '8px 12px' } }}>
              <Statistic title={s.label} value={s.value} styles={{ content: { color: s.color, fontSize: 22 } }} />
            </Card>
          </Col>
        ))}
      </Row>

      {open && mayCount ? (
        <Card size="small" title={t('stocktake.scanTitle')} style={{ marginBottom: 16 }}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <TreeSelect
              allowClear
              value={here}
              onChange={setHere}
              treeData={toTreeOptions(tree.data?.nodes ?? [])}
              showSearch={{ treeNodeFilterProp: 'title' }}
              placeholder={t('stocktake.hereHint')}
              style={{ width: '100%' }}
              data-testid="stocktake-here"
            />
            <ScanInput placeholder={t('scanPlaceholder')} onScan={scan} busy={scanning} />
            {lines.map((l) => (
              <Typography.Text key={l.key} type={OUTCOME_TYPES[l.outcome]} data-testid="scan-line">
                {l.text}
              </Typography.Text>
            ))}
          </Space>
        </Card>
      ) : null}

      {result ? (
        <Card size="small" title={t('stocktake.result')} style={{ marginBottom: 16 }}>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              {
                key: 'closedAt',
                label: t('stocktake.closedAt'),
                children: st.closedAt ? dayjs(st.closedAt).format('YYYY-MM-DD HH:mm') : '—',
              },
              { key: 'closedBy', label: t('stocktake.closedBy'), children: st.closedByName ?? '—' },
              {
                key: 'markedLost',
                label: t('stocktake.markedLost'),
                children: result.markMissingLost ? result.markedLost : t('stocktake.notApplied'),
              },
              { key: 'moved', label: t('stocktake.moved'), children: result.moveMisplaced ? result.moved : t('stocktake.notApplied') },
              { key: 'recovered', label: t('stocktake.recovered'), children: result.recovered },
              { key: 'note', label: t('stocktake.note'), children: result.note ?? '—' },
            ]}
          />
        </Card>
      ) : null}

      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          activeKey={activeTab}
          onChange={(k) => setTab(k as StocktakeItemState | 'all')}
          items={tabs.map((k) => ({
            key: k,
            label: t(`stocktake.state.${k}`),
          }))}
        />
        <Flex vertical gap={8}>
          <Input.Search allowClear placeholder={t('stocktake.itemSearch')} onSearch={setQ} style={{ maxWidth: 320 }} />
          <StocktakeItems
            stocktakeId={id}
            state={activeTab === 'all' ? undefined : activeTab}
            q={q}
            open={open && mayCount}
            showState={activeTab === 'all'}
            busyItem={busyItem}
            onTick={(item, found) => void tick(item, found)}
          />
        </Flex>
      </Card>
      <CloseStocktakeDialog stocktake={st} open={closing} onClose={() => setClosing(false)} />
    </PageContainer>
  );
}

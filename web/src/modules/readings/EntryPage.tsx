import { AimOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Collapse, Empty, Flex, Form, Select, Skeleton, Tag, Typography, theme } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { QueryParams } from '../../app/api';
import { useCan, useMe } from '../../app/auth';
import { PageContainer, useErrorText, useInvalidate, useList, useRecord } from '../../components';
import { ScanInput } from '../../components/ScanInput';
import { valueText } from './band';
import { type EntryResult, PointEntryCard, useSendReadings } from './EntryFields';
import { type Draft, draftIssues, EMPTY_DRAFT, filledLines, needsNote } from './entry';
import { RouteSelect } from './options';
import { DEVIATIONS, POINTS, READINGS, type ReadingPoint } from './types';

/** Where the points on the page come from: a scanned code, a site (and route), or one point (a re-check link). */
function sourceOf(search: URLSearchParams): { kind: 'qr' | 'site' | 'point' | 'none'; params: QueryParams } {
  const qr = search.get('qr');
  if (qr) return { kind: 'qr', params: { qr } };
  const pointId = search.get('pointId');
  if (pointId) return { kind: 'point', params: { pointId } };
  const siteId = search.get('siteId');
  if (siteId) return { kind: 'site', params: { siteId, patrolPlanId: search.get('patrolPlanId') ?? undefined } };
  return { kind: 'none', params: {} };
}

/**
 * 抄表 on a phone (375 px first): scan the QR of a place or an asset → its points, one
 * number each with the band beside it and at once 在范围内 / 偏高 / 偏低; an out-of-band
 * value warns that a deviation opens and asks what the person sees. Without a code, a site
 * and optionally a route. `?pointId=` opens one point (the re-check link of a deviation).
 */
export default function EntryPage() {
  const { t } = useTranslation('readings');
  const { message, modal } = App.useApp();
  const { token } = theme.useToken();
  const me = useMe();
  const can = useCan();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const send = useSendReadings();
  const [search, setSearch] = useSearchParams();
  const source = sourceOf(search);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [results, setResults] = useState<Record<string, EntryResult>>({});
  const [busy, setBusy] = useState(false);
  const sites = me.sites.filter((s) => can('readings:record', s.id));

  const listParams = useMemo<QueryParams>(() => ({ ...source.params, active: '1', limit: 200 }), [source.params]);
  const list = useList<ReadingPoint>(POINTS, listParams, { enabled: source.kind === 'qr' || source.kind === 'site' });
  const single = useRecord<ReadingPoint>(POINTS, source.kind === 'point' ? String(source.params.pointId) : null);
  const points: ReadingPoint[] =
    source.kind === 'point' ? (single.data ? [single.data] : []) : source.kind === 'none' ? [] : (list.data?.items ?? []);
  const loading = source.kind === 'point' ? single.isPending : source.kind === 'none' ? false : list.isPending;
  const loadError = source.kind === 'point' ? single.error : list.error;

  const choose = (next: Record<string, string | undefined>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) q.set(k, v);
    setSearch(q);
    setDrafts({});
    setResults({});
  };

  const lines = filledLines(points, drafts);
  const setDraft = (id: string, d: Draft) => {
    setDrafts((prev) => ({ ...prev, [id]: d }));
    setResults((prev) => {
      if (!prev[id]) return prev;
      const { [id]: _gone, ...rest } = prev;
      return rest;
    });
  };

  const submit = async () => {
    const byId = new Map(points.map((p) => [p.id, p]));
    const items = lines.map((l) => ({ point: byId.get(l.pointId) as ReadingPoint, line: l }));
    const blocked = items.filter(({ point, line }) => {
      const issues = draftIssues(point, { value: line.value, note: line.note ?? '' });
      return issues.value || issues.note;
    });
    if (blocked.length) {
      message.warning(t('entry.fixFirst', { names: blocked.map((b) => b.point.name).join('、') }));
      return;
    }
    const run = async () => {
      setBusy(true);
      try {
        const answers = await send(items.map(({ point, line }) => ({ point, body: { value: line.value, note: line.note } })));
        setResults(answers);
        const saved = Object.entries(answers).filter(([, r]) => r.saved);
        setDrafts((prev) => {
          const next = { ...prev };
          for (const [id] of saved) delete next[id];
          return next;
        });
        const failed = items.length - saved.length;
        if (failed) message.error(t('entry.someFailed', { count: failed }));
        else message.success(t('entry.allSaved', { count: saved.length }));
        await invalidate(POINTS, READINGS, DEVIATIONS);
      } catch (err) {
        message.error(errorText(err));
      } finally {
        setBusy(false);
      }
    };
    const out = items.filter(({ point, line }) => needsNote(point, line.value));
    if (out.length) {
      modal.confirm({
        title: t('entry.confirmTitle'),
        content: (
          <Flex vertical gap={4}>
            <span>{t('entry.confirmMany', { count: out.length })}</span>
            {out.map(({ point, line }) => (
              <Typography.Text key={point.id} type="danger">
                {`${point.name}: ${valueText(line.value, point.unit)}（${point.bandText ?? ''}）`}
              </Typography.Text>
            ))}
          </Flex>
        ),
        okText: t('entry.confirmOk'),
        onOk: run,
      });
    } else {
      await run();
    }
  };

  const sourceTag =
    source.kind === 'qr' ? (
      <Tag icon={<AimOutlined />} color="blue" closable onClose={() => choose({})} data-testid="entry-source">
        {t('entry.scanned', { code: String(source.params.qr) })}
      </Tag>
    ) : source.kind === 'site' ? (
      <Tag color="blue" closable onClose={() => choose({})} data-testid="entry-source">
        {me.sites.find((s) => s.id === source.params.siteId)?.name ?? ''}
      </Tag>
    ) : null;

  return (
    <PageContainer title={t('entry.title')} subtitle={t('entry.subtitle')} card={false}>
      <Flex vertical gap={12} style={{ maxWidth: 640 }}>
        <Card size="small">
          <Flex vertical gap={8}>
            <ScanInput
              onScan={(code) => choose({ qr: code })}
              busy={list.isFetching && source.kind === 'qr'}
              placeholder={t('entry.scanPlaceholder')}
              submitLabel={t('entry.scanSubmit')}
            />
            <Collapse
              ghost
              size="small"
              defaultActiveKey={source.kind === 'site' ? ['site'] : []}
              items={[
                {
                  key: 'site',
                  label: t('entry.bySite'),
                  children: (
                    <Form layout="vertical" component="div">
                      <Form.Item label={t('field.site')} style={{ marginBottom: 8 }}>
                        <Select<string>
                          showSearch={{ optionFilterProp: 'label' }}
                          value={source.kind === 'site' ? String(source.params.siteId) : undefined}
                          onChange={(siteId) => choose({ siteId })}
                          options={sites.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))}
                          placeholder={t('entry.sitePlaceholder')}
                          data-testid="entry-site"
                        />
                      </Form.Item>
                      {/* routes are patrol plans: only for people who may see them */}
                      {can('patrols:read') ? (
                        <Form.Item label={t('field.route')} style={{ marginBottom: 0 }}>
                          <RouteSelect
                            siteId={source.kind === 'site' ? String(source.params.siteId) : null}
                            points={loading ? undefined : points}
                            value={source.kind === 'site' ? (source.params.patrolPlanId as string | undefined) : undefined}
                            onChange={(v) =>
                              choose({ siteId: String(source.params.siteId), patrolPlanId: typeof v === 'string' ? v : undefined })
                            }
                            placeholder={t('entry.allRoutes')}
                            style={{ width: '100%' }}
                            data-testid="entry-route"
                          />
                        </Form.Item>
                      ) : null}
                    </Form>
                  ),
                },
              ]}
            />
          </Flex>
        </Card>

        {sourceTag ? (
          <Flex justify="space-between" align="center" wrap gap={8}>
            {sourceTag}
            {points.length ? <Typography.Text type="secondary">{t('entry.pointCount', { count: points.length })}</Typography.Text> : null}
          </Flex>
        ) : null}

        {source.kind === 'none' ? (
          <Alert type="info" showIcon title={t('entry.start')} />
        ) : loading ? (
          <Skeleton active paragraph={{ rows: 4 }} />
        ) : loadError ? (
          <Alert type="error" showIcon title={errorText(loadError)} />
        ) : points.length === 0 ? (
          <Empty description={source.kind === 'qr' ? t('entry.noPointsHere') : t('entry.noPoints')} data-testid="entry-empty" />
        ) : (
          points.map((p) => (
            <PointEntryCard
              key={p.id}
              point={p}
              draft={drafts[p.id] ?? EMPTY_DRAFT}
              onChange={(d) => setDraft(p.id, d)}
              result={results[p.id]}
              disabled={busy || !can('readings:record', p.siteId)}
            />
          ))
        )}

        {points.length ? (
          <div
            style={{
              position: 'sticky',
              bottom: 0,
              zIndex: 2,
              background: token.colorBgLayout,
              borderTop: `1px solid ${token.colorSplit}`,
              padding: '10px 0',
            }}
          >
            <Button
              type="primary"
              size="large"
              block
              icon={<SendOutlined />}
              loading={busy}
              disabled={lines.length === 0}
              onClick={() => void submit()}
              data-testid="entry-submit"
            >
              {lines.length ? t('entry.submit', { count: lines.length }) : t('entry.nothingTyped')}
            </Button>
          </div>
        ) : null}
      </Flex>
    </PageContainer>
  );
}

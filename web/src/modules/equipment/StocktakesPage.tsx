import { Form, Input, Modal, Select, TreeSelect } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api';
import { useCan, useMe } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import { applyFieldErrors, PageContainer, type QueryColumn, QueryTable, StatusTag, useErrorText, useInvalidate } from '../../components';
import { STOCKTAKE_STYLES, useLocationTree } from './options';
import { findById, toTreeOptions } from './tree';
import type { Stocktake } from './types';

interface StartValues {
  siteId: string;
  locationId?: string;
  title: string;
}

/** 开始盘点: a site, optionally one location subtree, and a title; the server snapshots what is expected there. */
function StartDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('equipment');
  const me = useMe();
  const can = useCan();
  const selected = useSelectedSite();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<StartValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sites = useMemo(() => me.sites.filter((s) => can('assets:stocktake', s.id)), [me.sites, can]);
  const siteId = Form.useWatch('siteId', form);
  const locationId = Form.useWatch('locationId', form);
  const tree = useLocationTree(siteId);
  const [titleTouched, setTitleTouched] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setTitleTouched(false);
    setError(null);
    const first = sites.find((s) => s.id === selected) ?? sites[0];
    if (first) form.setFieldValue('siteId', first.id);
  }, [open, form, selected, sites]);

  // a suggested title follows the scope until the person writes their own
  useEffect(() => {
    if (titleTouched || !siteId) return;
    const site = me.sites.find((s) => s.id === siteId)?.name ?? '';
    const place = findById(tree.data?.nodes ?? [], locationId)?.name;
    form.setFieldValue(
      'title',
      t('stocktake.defaultTitle', { scope: place ? `${site} ${place}` : site, month: dayjs().format('YYYY-MM') }),
    );
  }, [siteId, locationId, tree.data, titleTouched, me.sites, form, t]);

  const submit = async (v: StartValues) => {
    setBusy(true);
    setError(null);
    try {
      const created = await api.post<Stocktake>('/stocktakes', {
        siteId: v.siteId,
        locationId: v.locationId ?? null,
        title: v.title.trim(),
      });
      await invalidate('/stocktakes');
      onClose();
      navigate(`/equipment/stocktakes/${created.id}`);
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('stocktake.start')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('stocktake.startOk')}
      okButtonProps={{ loading: busy }}
      cancelText={t('common:actions.cancel')}
      forceRender
    >
      <Form form={form} layout="vertical" name="stocktake" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="siteId"
          label={t('asset.site')}
          rules={[{ required: true, message: t('validation.select', { field: t('asset.site') }) }]}
        >
          <Select
            options={sites.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))}
            onChange={() => form.setFieldValue('locationId', undefined)}
          />
        </Form.Item>
        <Form.Item name="locationId" label={t('stocktake.scope')} extra={t('stocktake.scopeHint')}>
          <TreeSelect
            allowClear
            treeData={toTreeOptions(tree.data?.nodes ?? [])}
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandAll
            placeholder={t('stocktake.wholeSite')}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('stocktake.titleLabel')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required', { field: t('stocktake.titleLabel') }) },
            { max: 100, message: t('validation.max', { max: 100 }) },
          ]}
        >
          <Input onChange={() => setTitleTouched(true)} />
        </Form.Item>
      </Form>
      {error ? <div style={{ color: 'var(--ant-color-error)' }}>{error}</div> : null}
    </Modal>
  );
}

/** 资产盘点: the stocktakes of the person's sites; start a new one. */
export default function StocktakesPage() {
  const { t } = useTranslation('equipment');
  const can = useCan();
  const [starting, setStarting] = useState(false);

  const columns: QueryColumn<Stocktake>[] = [
    { title: t('stocktake.number'), dataIndex: 'number', render: (n: string, r) => <Link to={`/equipment/stocktakes/${r.id}`}>{n}</Link> },
    {
      title: t('stocktake.titleLabel'),
      dataIndex: 'title',
      render: (v: string, r) => <Link to={`/equipment/stocktakes/${r.id}`}>{v}</Link>,
    },
    { title: t('stocktake.scope'), key: 'scope', render: (_, r) => r.locationPath ?? r.siteName ?? '—' },
    { title: t('common:status.label'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} map={STOCKTAKE_STYLES} /> },
    {
      title: t('stocktake.progress'),
      key: 'progress',
      render: (_, r) =>
        r.result
          ? t('stocktake.resultText', {
              found: r.result.found,
              expected: r.result.expected,
              missing: r.result.missing,
              unexpected: r.result.unexpected,
            })
          : '—',
    },
    { title: t('stocktake.startedBy'), key: 'startedBy', render: (_, r) => r.startedByName ?? '—' },
    { title: t('stocktake.startedAt'), dataIndex: 'createdAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
  ];

  return (
    <PageContainer title={t('stocktake.title')} subtitle={t('stocktake.subtitle')}>
      <QueryTable<Stocktake>
        resource="/stocktakes"
        columns={columns}
        searchPlaceholder={t('stocktake.search')}
        onCreate={can('assets:stocktake') ? () => setStarting(true) : undefined}
        createLabel={t('stocktake.start')}
        filters={
          <Form.Item name="status">
            <Select
              allowClear
              style={{ width: 120 }}
              placeholder={t('common:status.label')}
              options={(['open', 'closed', 'cancelled'] as const).map((s) => ({ value: s, label: t(`stocktake.status.${s}`) }))}
            />
          </Form.Item>
        }
      />
      <StartDialog open={starting} onClose={() => setStarting(false)} />
    </PageContainer>
  );
}

import { Button, Form, Input, InputNumber, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth';
import { ActiveToggle, FormDrawer, LoadError, PageContainer, StatusTag } from '../../components';
import { useFireRules, useLocalName } from './options';
import type { FireRule } from './types';

interface Values {
  code: string;
  name: string;
  nameEn: string;
  checkIntervalDays: number;
  firstServiceYears?: number | null;
  serviceIntervalYears?: number | null;
  scrapYears?: number | null;
}

const years = (v: number | null | undefined) => v ?? null;
const RULE_CODE = /^[a-z0-9_]+$/;

/** 消防器材规则: per kind, the check interval and the service and scrap ages (DOMAIN.md §4 defaults). */
export default function FireRulesPage() {
  const { t } = useTranslation('equipment');
  const can = useCan();
  const localName = useLocalName();
  const rules = useFireRules();
  const manage = can.everywhere('fire:manage');
  const [drawer, setDrawer] = useState<{ record: FireRule | null } | null>(null);
  const none = <Typography.Text type="secondary">{t('fireRules.none')}</Typography.Text>;
  const yearsText = (v: number | null) => (v === null ? none : t('fireRules.years', { count: v }));
  const required = (field: string) => ({ required: true, message: t('validation.required', { field }) });

  return (
    <PageContainer
      title={t('fireRules.title')}
      subtitle={t('fireRules.subtitle')}
      extra={
        manage ? (
          <Button type="primary" onClick={() => setDrawer({ record: null })} data-testid="fire-rule-create">
            {t('fireRules.create')}
          </Button>
        ) : null
      }
    >
      {rules.error ? (
        <LoadError error={rules.error} onRetry={() => void rules.refetch()} />
      ) : (
        <Table<FireRule>
          rowKey="id"
          size="middle"
          loading={rules.isFetching}
          dataSource={rules.data ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('fireRules.name'), key: 'name', render: (_, r) => localName(r) },
            { title: t('fireRules.code'), dataIndex: 'code' },
            {
              title: t('fireRules.checkIntervalDays'),
              dataIndex: 'checkIntervalDays',
              render: (v: number) => t('fireRules.days', { count: v }),
            },
            { title: t('fireRules.firstServiceYears'), dataIndex: 'firstServiceYears', render: yearsText },
            { title: t('fireRules.serviceIntervalYears'), dataIndex: 'serviceIntervalYears', render: yearsText },
            { title: t('fireRules.scrapYears'), dataIndex: 'scrapYears', render: yearsText },
            { title: t('common:status.label'), dataIndex: 'active', render: (v: boolean) => <StatusTag active={v} /> },
            ...(manage
              ? [
                  {
                    title: t('common:table.actions'),
                    key: 'actions',
                    render: (_: unknown, r: FireRule) => (
                      <Space size={0}>
                        <Button type="link" size="small" onClick={() => setDrawer({ record: r })}>
                          {t('common:actions.edit')}
                        </Button>
                        <ActiveToggle resource="/fire-rules" record={r} name={r.name} />
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
          data-testid="fire-rules"
        />
      )}
      <FormDrawer<Values, FireRule, FireRule>
        open={drawer !== null}
        onClose={() => setDrawer(null)}
        title={drawer?.record ? t('fireRules.edit', { name: drawer.record.name }) : t('fireRules.create')}
        resource="/fire-rules"
        record={drawer?.record ?? null}
        initialValues={{ checkIntervalDays: 30 }}
        toBody={(v, mode) => {
          const body = {
            name: v.name.trim(),
            nameEn: v.nameEn.trim(),
            checkIntervalDays: v.checkIntervalDays,
            firstServiceYears: years(v.firstServiceYears),
            serviceIntervalYears: years(v.serviceIntervalYears),
            scrapYears: years(v.scrapYears),
          };
          return mode === 'create' ? { ...body, code: v.code } : body;
        }}
      >
        <Form.Item
          name="code"
          label={t('fireRules.code')}
          rules={[
            required(t('fireRules.code')),
            { pattern: RULE_CODE, message: t('validation.ruleCode') },
            { max: 32, message: t('validation.max', { max: 32 }) },
          ]}
        >
          <Input disabled={Boolean(drawer?.record)} />
        </Form.Item>
        <Form.Item name="name" label={t('fireRules.name')} rules={[{ ...required(t('fireRules.name')), whitespace: true }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('fireRules.nameEn')} rules={[{ ...required(t('fireRules.nameEn')), whitespace: true }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="checkIntervalDays" label={t('fireRules.checkIntervalDays')} rules={[required(t('fireRules.checkIntervalDays'))]}>
          <InputNumber min={1} max={366} precision={0} style={{ width: '100%' }} suffix={t('fireRules.dayUnit')} />
        </Form.Item>
        <Form.Item name="firstServiceYears" label={t('fireRules.firstServiceYears')} extra={t('fireRules.emptyMeansNone')}>
          <InputNumber min={1} max={50} precision={0} style={{ width: '100%' }} suffix={t('fireRules.yearUnit')} />
        </Form.Item>
        <Form.Item name="serviceIntervalYears" label={t('fireRules.serviceIntervalYears')} extra={t('fireRules.emptyMeansNone')}>
          <InputNumber min={1} max={50} precision={0} style={{ width: '100%' }} suffix={t('fireRules.yearUnit')} />
        </Form.Item>
        <Form.Item
          name="scrapYears"
          label={t('fireRules.scrapYears')}
          extra={t('fireRules.emptyMeansNone')}
          dependencies={['firstServiceYears']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v: number | null) => {
                const first = getFieldValue('firstServiceYears') as number | null;
                return v && first && v <= first ? Promise.reject(new Error(t('validation.scrapAfterService'))) : Promise.resolve();
              },
            }),
          ]}
        >
          <InputNumber min={1} max={50} precision={0} style={{ width: '100%' }} suffix={t('fireRules.yearUnit')} />
        </Form.Item>
      </FormDrawer>
    </PageContainer>
  );
}

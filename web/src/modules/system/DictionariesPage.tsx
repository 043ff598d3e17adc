import { BookOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Col, Empty, Form, Grid, Menu, Row, Select, Skeleton, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../app/api';
import { useCan } from '../../app/auth';
import { ActiveToggle, LoadError, PageContainer, type QueryColumn, QueryTable, StatusTag } from '../../components';
import { DictionaryDrawer } from './DictionaryDrawer';
import type { Dictionary, DictionaryType } from './types';

const TYPES_KEY = ['/dictionaries', 'types'] as const;

/** 数据字典: the types on the left (a Select on phones) with their counts, the chosen type's entries on the right. */
export default function DictionariesPage() {
  const { t, i18n } = useTranslation('system');
  const zh = i18n.language.startsWith('zh');
  const screens = Grid.useBreakpoint();
  const can = useCan();
  const manage = can.everywhere('dictionaries:manage');
  const [params, setParams] = useSearchParams();
  const [drawer, setDrawer] = useState<{ record: Dictionary | null } | null>(null);
  const types = useQuery({
    queryKey: TYPES_KEY,
    queryFn: ({ signal }) => api.get<DictionaryType[]>('/dictionaries/types', undefined, signal),
  });
  const list = types.data ?? [];
  const type = params.get('type') ?? list[0]?.type ?? null;
  const current = list.find((x) => x.type === type) ?? null;
  const nameOf = (x: DictionaryType) => (zh ? x.nameZh : x.nameEn);
  const choose = (next: string) => setParams({ type: next }, { replace: true });
  const label = (x: DictionaryType) => t('dict.typeLabel', { name: nameOf(x), type: x.type });

  const columns: QueryColumn<Dictionary>[] = [
    { title: t('dict.sort'), dataIndex: 'sort', sorter: true, width: 80, align: 'right' },
    {
      title: t('dict.code'),
      dataIndex: 'code',
      sorter: true,
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: t('dict.labelZh'), dataIndex: 'labelZh', sorter: true },
    { title: t('dict.labelEn'), dataIndex: 'labelEn', sorter: true },
    { title: t('common:status.active'), dataIndex: 'active', render: (a: boolean) => <StatusTag active={a} /> },
    {
      title: t('common:table.actions'),
      key: 'actions',
      render: (_, r) =>
        manage ? (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setDrawer({ record: r })}>
              {t('common:actions.edit')}
            </Button>
            <ActiveToggle resource="/dictionaries" record={r} name={zh ? r.labelZh : r.labelEn} />
          </Space>
        ) : null,
    },
  ];

  const typeMenu = (
    <Card size="small" title={t('dict.types')} styles={{ body: { padding: 4 } }}>
      <Menu
        mode="inline"
        style={{ borderInlineEnd: 'none' }}
        selectedKeys={type ? [type] : []}
        onClick={(e) => choose(e.key)}
        items={list.map((x) => ({
          key: x.type,
          label: (
            <span style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }} data-testid={`dict-type-${x.type}`}>
              <Typography.Text ellipsis>{nameOf(x)}</Typography.Text>
              <Badge count={x.total} showZero color={x.total ? '#8c8c8c' : '#d9d9d9'} overflowCount={999} />
            </span>
          ),
        }))}
      />
    </Card>
  );

  const typeSelect = (
    <Select
      value={type ?? undefined}
      onChange={choose}
      style={{ width: '100%', marginBottom: 12 }}
      showSearch={{ optionFilterProp: 'label' }}
      options={list.map((x) => ({ value: x.type, label: `${label(x)} · ${x.total}` }))}
      data-testid="dict-type-select"
    />
  );

  let content: ReactNode;
  if (types.isPending) content = <Skeleton active />;
  else if (types.error) content = <LoadError error={types.error} onRetry={() => void types.refetch()} />;
  else if (!type) content = <Empty description={t('dict.noTypes')} />;
  else
    content = (
      <QueryTable<Dictionary>
        resource="/dictionaries"
        title={current ? label(current) : type}
        params={{ type }}
        columns={columns}
        defaultSort="sort"
        searchPlaceholder={t('dict.search')}
        onCreate={manage ? () => setDrawer({ record: null }) : undefined}
        createLabel={t('dict.create')}
        pageSize={50}
        filters={
          <Form.Item name="active">
            <Select
              allowClear
              placeholder={t('common:status.active')}
              style={{ width: 120 }}
              options={[
                { value: '1', label: t('common:status.active') },
                { value: '0', label: t('common:status.inactive') },
              ]}
            />
          </Form.Item>
        }
      />
    );

  return (
    <PageContainer title={t('dict.title')} subtitle={t('dict.subtitle')} card={false}>
      <Row gutter={[16, 16]}>
        {screens.md ? (
          <Col md={8} lg={6}>
            {types.isPending ? <Card loading /> : typeMenu}
          </Col>
        ) : null}
        <Col xs={24} md={16} lg={18}>
          <Card styles={{ body: { padding: 'clamp(12px, 3vw, 24px)' } }}>
            {!screens.md && list.length ? (
              <div>
                <Typography.Text type="secondary">
                  <BookOutlined /> {t('dict.types')}
                </Typography.Text>
                {typeSelect}
              </div>
            ) : null}
            {content}
          </Card>
        </Col>
      </Row>
      <DictionaryDrawer
        open={drawer !== null}
        record={drawer?.record ?? null}
        type={type}
        types={list}
        onClose={() => setDrawer(null)}
        onSaved={(saved) => {
          if (saved.type !== type) choose(saved.type);
        }}
      />
    </PageContainer>
  );
}

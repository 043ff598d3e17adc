import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Empty, Flex, Skeleton, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { download } from '../../app/api';
import { useErrorText, useRecord } from '../../components';
import { formatFen, previousMonth } from './format';
import type { Counter, Statement, StatementItem } from './types';

/** 月度对账单: the month's paid repairs of one counter, totals in figures and capitals, PDF and Excel downloads. */
export function StatementCard({ counter }: { counter: Pick<Counter, 'id' | 'name'> }) {
  const { t } = useTranslation('counters');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [month, setMonth] = useState(() => previousMonth(new Date()));
  const [busy, setBusy] = useState<'pdf' | 'xlsx' | null>(null);
  const statement = useRecord<Statement>(`/counters/${counter.id}/statements`, month);
  const s = statement.data;

  const save = async (ext: 'pdf' | 'xlsx') => {
    setBusy(ext);
    try {
      await download(`/counters/${counter.id}/statements/${month}.${ext}`, undefined, `${counter.name}-${month}.${ext}`);
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const supplier = (code: string) => t(`supplier.${code}`);
  const columns = [
    {
      title: t('statement.number'),
      dataIndex: 'number',
      render: (v: string, r: StatementItem) => <Link to={`/work-orders/${r.workOrderId}`}>{v}</Link>,
    },
    { title: t('statement.date'), dataIndex: 'date' },
    {
      title: t('statement.content'),
      key: 'content',
      render: (_: unknown, r: StatementItem) => (
        <div style={{ minWidth: 200 }}>
          <div>{r.description}</div>
          {r.materials.map((m) => (
            <Typography.Text key={m.id} type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {`· ${m.name}${m.spec ? ` ${m.spec}` : ''} ${m.quantity}${m.unit} × ${formatFen(m.unitPrice)}（${supplier(m.suppliedBy)}${m.charged ? '' : `，${t('statement.free')}`}）`}
            </Typography.Text>
          ))}
          {r.labourMinutes ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {r.labourCharged
                ? t('statement.labourCharged', { minutes: r.labourMinutes, rate: formatFen(r.labourRate) })
                : t('statement.labourFree', { minutes: r.labourMinutes })}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    { title: t('statement.materials'), dataIndex: 'materialsAmount', align: 'right' as const, render: formatFen },
    { title: t('statement.labour'), dataIndex: 'labourAmount', align: 'right' as const, render: formatFen },
    { title: t('statement.total'), dataIndex: 'total', align: 'right' as const, render: formatFen },
  ];

  return (
    <Card
      title={t('statement.title')}
      extra={
        <Space wrap>
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
            disabledDate={(d) => d.isAfter(dayjs(), 'month')}
            aria-label={t('statement.month')}
          />
          <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => void save('pdf')}>
            PDF
          </Button>
          <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} onClick={() => void save('xlsx')}>
            Excel
          </Button>
        </Space>
      }
    >
      {statement.isPending ? (
        <Skeleton active />
      ) : statement.error ? (
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="danger">{errorText(statement.error)}</Typography.Text>
          <Button size="small" onClick={() => void statement.refetch()}>
            {t('common:actions.retry')}
          </Button>
        </Flex>
      ) : s && s.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('statement.empty', { month })} />
      ) : s ? (
        <>
          <Table<StatementItem>
            rowKey="workOrderId"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={s.items}
            columns={columns}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={3}>
                  <Typography.Text strong>{t('statement.sum', { count: s.items.length })}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {formatFen(s.materialsAmount)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {formatFen(s.labourAmount)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  <Typography.Text strong>{formatFen(s.total)}</Typography.Text>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
          <Typography.Paragraph strong style={{ marginTop: 12, marginBottom: 0 }}>
            {t('statement.capitals', { text: s.totalInCapitals })}
          </Typography.Paragraph>
        </>
      ) : null}
    </Card>
  );
}

import { Form, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../app/auth';
import { ActiveSwitch, PageContainer, type QueryColumn, QueryTable, StatusTag, useDictionary } from '../../components';
import { formatInZone } from '../maintenance/format';
import { BANKS, type Bank, PATHS, TRAINING_TYPE } from './types';

/**
 * 题库: the question banks by topic (the training types), how many questions each holds;
 * a bank opens its editor. Stopped banks keep their questions for past spot checks but are
 * not offered for new ones.
 */
export default function BanksPage() {
  const { t } = useTranslation('training');
  const can = useCan();
  const navigate = useNavigate();
  const topics = useDictionary(TRAINING_TYPE);
  const manage = can('training:manage');

  const columns: QueryColumn<Bank>[] = [
    {
      title: t('field.bankName'),
      dataIndex: 'name',
      sorter: true,
      render: (v: string, r) => <Link to={`${PATHS.banks}/${r.id}`}>{v}</Link>,
    },
    { title: t('field.topic'), dataIndex: 'topic', render: (v: string) => topics.label(v) },
    { title: t('field.questionCount'), dataIndex: 'questionCount', align: 'right' },
    {
      title: t('field.description'),
      dataIndex: 'description',
      render: (v: string | null) => (
        <Typography.Text type="secondary" ellipsis style={{ maxWidth: 280 }}>
          {v ?? '—'}
        </Typography.Text>
      ),
    },
    { title: t('field.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => formatInZone(v, undefined) },
    {
      title: t('field.active'),
      dataIndex: 'active',
      render: (_: boolean, r) =>
        manage ? (
          <ActiveSwitch resource={BANKS} record={r} hints={{ activate: t('banks.activateHint'), deactivate: t('banks.deactivateHint') }} />
        ) : (
          <StatusTag active={r.active} />
        ),
    },
  ];

  return (
    <PageContainer title={t('banks.title')} subtitle={t('banks.subtitle')}>
      <QueryTable<Bank>
        resource={BANKS}
        columns={columns}
        defaultSort="name"
        searchPlaceholder={t('banks.search')}
        initialFilters={{ active: '1' }}
        filters={
          <>
            <Form.Item name="topic">
              <Select allowClear placeholder={t('field.topic')} options={topics.options} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="active">
              <Select
                allowClear
                placeholder={t('field.active')}
                options={[
                  { value: '1', label: t('common:status.active') },
                  { value: '0', label: t('common:status.inactive') },
                ]}
                style={{ width: 100 }}
              />
            </Form.Item>
          </>
        }
        onCreate={manage ? () => navigate(`${PATHS.banks}/new`) : undefined}
        createLabel={t('banks.create')}
        onRowClick={(r) => navigate(`${PATHS.banks}/${r.id}`)}
      />
    </PageContainer>
  );
}

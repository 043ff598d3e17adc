import { Form, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../app/auth';
import { PageContainer, type QueryColumn, QueryTable, SiteSelect, useDictionary } from '../../components';
import { CampaignDrawer } from './CampaignDrawer';
import { campaignTotals } from './logic';
import { CAMPAIGN_PERMISSION, PHASE_COLORS } from './options';
import { CAMPAIGNS, type Campaign, PATHS } from './types';

/** 专项检查: the campaigns (e.g. 4 a year) with their scope, dates and what they found so far. */
export default function CampaignsPage() {
  const { t } = useTranslation('hazards');
  const can = useCan();
  const navigate = useNavigate();
  const categories = useDictionary('hazard_category');
  const [creating, setCreating] = useState(false);

  const columns: QueryColumn<Campaign>[] = [
    {
      title: t('field.campaignName'),
      dataIndex: 'name',
      render: (v: string, r) => (
        <Space size={4} wrap>
          <Link to={`${PATHS.campaigns}/${r.id}`}>{v}</Link>
          <Tag color={PHASE_COLORS[r.phase]}>{t(`phase.${r.phase}`)}</Tag>
        </Space>
      ),
    },
    { title: t('field.dates'), key: 'dates', render: (_, r) => `${r.startDate} ~ ${r.endDate}` },
    {
      title: t('field.sites'),
      dataIndex: 'siteNames',
      render: (v: string[]) => <span style={{ whiteSpace: 'normal' }}>{v.join('、')}</span>,
    },
    {
      title: t('field.categories'),
      dataIndex: 'categories',
      render: (v: string[]) => (v.length ? v.map((c) => categories.label(c)).join('、') : t('campaign.allCategories')),
    },
    { title: t('field.teams'), dataIndex: 'teamNames', render: (v: string[]) => (v.length ? v.join('、') : '—') },
    {
      title: t('campaign.results'),
      key: 'results',
      render: (_, r) => {
        const sum = campaignTotals(r.results);
        return (
          <Typography.Text style={{ whiteSpace: 'nowrap' }}>
            {t('campaign.resultsShort', { findings: sum.findings, hazards: sum.hazards, rectified: sum.rectified })}
          </Typography.Text>
        );
      },
    },
  ];

  return (
    <PageContainer title={t('campaigns.title')} subtitle={t('campaigns.subtitle')}>
      <QueryTable<Campaign>
        resource={CAMPAIGNS}
        columns={columns}
        searchPlaceholder={t('campaigns.search')}
        filters={
          <Form.Item name="siteId">
            <SiteSelect allowClear placeholder={t('field.site')} style={{ width: 150 }} />
          </Form.Item>
        }
        onCreate={can(CAMPAIGN_PERMISSION) ? () => setCreating(true) : undefined}
        createLabel={t('campaigns.create')}
        onRowClick={(r) => navigate(`${PATHS.campaigns}/${r.id}`)}
      />
      <CampaignDrawer
        open={creating}
        onClose={() => setCreating(false)}
        record={null}
        onSaved={(c) => navigate(`${PATHS.campaigns}/${c.id}`)}
      />
    </PageContainer>
  );
}

import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { FormDrawer, useDictionary, useList } from '../../components';
import { text } from './logic';
import { CAMPAIGNS, type Campaign, type CampaignInput } from './types';

interface Values {
  name: string;
  description?: string | null;
  siteIds: string[];
  categories?: string[];
  teamIds?: string[];
  dates: [Dayjs, Dayjs];
}

interface TeamRow {
  id: string;
  code: string;
  name: string;
  siteId: string | null;
}

export function campaignBody(v: Values): CampaignInput {
  return {
    name: v.name.trim(),
    description: text(v.description),
    siteIds: v.siteIds,
    categories: v.categories ?? [],
    teamIds: v.teamIds ?? [],
    startDate: v.dates[0].format('YYYY-MM-DD'),
    endDate: v.dates[1].format('YYYY-MM-DD'),
  };
}

/** 新建 / 编辑专项检查: name, the sites and hazard categories in scope, the teams doing it and its dates. */
export function CampaignDrawer({
  open,
  onClose,
  record,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  record: Campaign | null;
  onSaved?: (c: Campaign) => void;
}) {
  const { t } = useTranslation('hazards');
  const me = useMe();
  const categories = useDictionary('hazard_category');
  const teams = useList<TeamRow>('/teams', { active: '1', limit: 200 });
  const teamOptions = (teams.data?.items ?? []).map((tm) => ({ value: tm.id, label: `${tm.name}（${tm.code}）` }));
  for (const [i, id] of (record?.teamIds ?? []).entries()) {
    if (!teamOptions.some((o) => o.value === id)) teamOptions.push({ value: id, label: record?.teamNames[i] ?? id });
  }

  return (
    <FormDrawer<Values, Campaign, Campaign>
      open={open}
      onClose={onClose}
      width={560}
      title={record ? t('campaigns.edit', { name: record.name }) : t('campaigns.create')}
      resource={CAMPAIGNS}
      record={record}
      initialValues={{ siteIds: me.sites.length === 1 && me.sites[0] ? [me.sites[0].id] : [], categories: [], teamIds: [] }}
      toValues={(r) => ({
        name: r.name,
        description: r.description,
        siteIds: r.siteIds,
        categories: r.categories,
        teamIds: r.teamIds,
        dates: [dayjs(r.startDate), dayjs(r.endDate)],
      })}
      toBody={campaignBody}
      submit={(body, _mode, current) =>
        current ? api.put<Campaign>(`${CAMPAIGNS}/${current.id}`, body) : api.post<Campaign>(CAMPAIGNS, body)
      }
      onSaved={(c) => onSaved?.(c)}
    >
      <Form.Item
        name="name"
        label={t('field.campaignName')}
        rules={[
          { required: true, whitespace: true, message: t('validation.campaignName') },
          { max: 100, message: t('validation.max', { max: 100 }) },
        ]}
      >
        <Input maxLength={100} placeholder={t('form.campaignNamePlaceholder')} data-testid="campaign-name" />
      </Form.Item>
      <Form.Item
        name="siteIds"
        label={t('field.sites')}
        rules={[{ required: true, type: 'array', min: 1, message: t('validation.sites') }]}
      >
        <Select
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          options={me.sites.map((s) => ({ value: s.id, label: s.name }))}
          data-testid="campaign-sites"
        />
      </Form.Item>
      <Form.Item name="categories" label={t('field.categories')} extra={t('form.categoriesHint')}>
        <Select mode="multiple" allowClear options={categories.options} loading={categories.loading} data-testid="campaign-categories" />
      </Form.Item>
      <Form.Item name="teamIds" label={t('field.teams')}>
        <Select
          mode="multiple"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={teamOptions}
          loading={teams.isPending}
          data-testid="campaign-teams"
        />
      </Form.Item>
      <Form.Item name="dates" label={t('field.dates')} rules={[{ required: true, message: t('validation.dates') }]}>
        <DatePicker.RangePicker inputReadOnly style={{ width: '100%' }} data-testid="campaign-dates" />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('field.campaignDescription')}
        rules={[{ max: 2000, message: t('validation.max', { max: 2000 }) }]}
      >
        <Input.TextArea rows={3} maxLength={2000} placeholder={t('form.campaignDescriptionPlaceholder')} />
      </Form.Item>
    </FormDrawer>
  );
}

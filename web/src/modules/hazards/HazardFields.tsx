import { Col, Form, type FormInstance, Input, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth';
import { RemoteSelect, useDictionary } from '../../components';
import { subGradeFits } from './logic';
import { CAMPAIGNS, type Campaign, HAZARD_ADDRESSEE_TYPES, HAZARD_GRADES, type HazardAddresseeType, type HazardGrade } from './types';

/** What the hazard part of a form holds (the register's drawer and the finding's 登记隐患). */
export interface HazardFieldValues {
  category?: string;
  grade?: HazardGrade;
  subGrade?: string | null;
  title?: string;
  description?: string;
  campaignId?: string | null;
  addresseeType?: HazardAddresseeType | null;
  addresseeId?: string | null;
  temporaryMeasures?: string | null;
}

/** 整改通知单 addressee: a department of the organisation or a counter of the hazard's site. */
export function AddresseeFields({
  form,
  siteId,
  initial,
}: {
  form: FormInstance;
  siteId: string | undefined;
  initial?: { value: string; label: string } | null;
}) {
  const { t } = useTranslation('hazards');
  const type = Form.useWatch('addresseeType', form) as HazardAddresseeType | null | undefined;
  return (
    <Row gutter={12}>
      <Col xs={24} sm={10}>
        <Form.Item name="addresseeType" label={t('field.addresseeType')}>
          <Select
            allowClear
            options={HAZARD_ADDRESSEE_TYPES.map((a) => ({ value: a, label: t(`addressee.${a}`) }))}
            onChange={() => form.setFieldValue('addresseeId', null)}
            placeholder={t('form.addresseeTypePlaceholder')}
            data-testid="hazard-addressee-type"
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={14}>
        <Form.Item
          name="addresseeId"
          label={t('field.addressee')}
          dependencies={['addresseeType']}
          rules={[{ required: Boolean(type), message: t('validation.addressee') }]}
        >
          {type === 'counter' ? (
            <RemoteSelect<{ id: string; code: string; name: string }>
              resource="/counters"
              params={{ siteId, active: '1' }}
              labelOf={(c) => `${c.name}（${c.code}）`}
              initialOptions={initial ? [initial] : undefined}
              disabled={!siteId}
              placeholder={t('form.counterPlaceholder')}
              data-testid="hazard-addressee"
            />
          ) : (
            <RemoteSelect<{ id: string; code: string; name: string }>
              resource="/departments"
              params={{ active: '1' }}
              labelOf={(d) => `${d.name}（${d.code}）`}
              initialOptions={initial ? [initial] : undefined}
              disabled={!type}
              placeholder={t('form.departmentPlaceholder')}
              data-testid="hazard-addressee"
            />
          )}
        </Form.Item>
      </Col>
    </Row>
  );
}

/** A campaign of the site, for findings and hazards found during a 专项检查. */
export function CampaignSelect({
  siteId,
  initial,
  ...rest
}: {
  siteId: string | undefined;
  initial?: { value: string; label: string } | null;
  value?: string | null;
  onChange?: (v: string | null) => void;
}) {
  const { t } = useTranslation('hazards');
  return (
    <RemoteSelect<Campaign>
      resource={CAMPAIGNS}
      params={{ siteId }}
      labelOf={(c) => c.name}
      initialOptions={initial ? [initial] : undefined}
      placeholder={t('form.campaignPlaceholder')}
      value={rest.value ?? undefined}
      onChange={(v) => rest.onChange?.((v as string | undefined) ?? null)}
      data-testid="campaign-select"
    />
  );
}

/**
 * The hazard's own fields: category, grade and sub-grade, title, description, campaign,
 * the 整改通知单 addressee and temporary measures. Site, location and asset are the
 * caller's (the register's drawer asks for them; a finding already has them).
 */
export function HazardFields({
  form,
  siteId,
  descriptionRequired = true,
  campaign,
  addressee,
  namePrefix,
}: {
  form: FormInstance;
  siteId: string | undefined;
  descriptionRequired?: boolean;
  campaign?: { value: string; label: string } | null;
  addressee?: { value: string; label: string } | null;
  /** when the fields sit under a nested name (the resolve dialog's `hazard`) */
  namePrefix?: string;
}) {
  const { t } = useTranslation('hazards');
  const can = useCan();
  const categories = useDictionary('hazard_category');
  const subGrades = useDictionary('hazard_subgrade');
  const name = (n: string) => (namePrefix ? [namePrefix, n] : n);
  const grade = Form.useWatch(name('grade'), form) as HazardGrade | undefined;
  const required = (message: string) => ({ required: true, whitespace: true, message });
  const max = (n: number) => ({ max: n, message: t('validation.max', { max: n }) });
  const subGradeOptions = subGrades.options.filter((o) => subGradeFits(o.value, grade));

  return (
    <>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name={name('category')} label={t('field.category')} rules={[required(t('validation.category'))]}>
            <Select options={categories.options} loading={categories.loading} data-testid="hazard-category" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name={name('grade')} label={t('field.grade')} rules={[{ required: true, message: t('validation.grade') }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={HAZARD_GRADES.map((g) => ({ value: g, label: t(`grade.${g}`) }))}
              onChange={() => form.setFieldValue(name('subGrade'), null)}
              data-testid="hazard-grade"
            />
          </Form.Item>
        </Col>
      </Row>
      {subGradeOptions.length ? (
        <Form.Item name={name('subGrade')} label={t('field.subGrade')}>
          <Select allowClear options={subGradeOptions} data-testid="hazard-subgrade" />
        </Form.Item>
      ) : null}
      <Form.Item name={name('title')} label={t('field.title')} rules={[required(t('validation.title')), max(100)]}>
        <Input maxLength={100} placeholder={t('form.titlePlaceholder')} data-testid="hazard-title" />
      </Form.Item>
      <Form.Item
        name={name('description')}
        label={t('field.description')}
        extra={descriptionRequired ? undefined : t('form.descriptionFromFinding')}
        rules={[...(descriptionRequired ? [required(t('validation.description'))] : []), max(2000)]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount data-testid="hazard-description" />
      </Form.Item>
      <Form.Item name={name('temporaryMeasures')} label={t('field.temporaryMeasures')} rules={[max(1000)]}>
        <Input.TextArea rows={2} maxLength={1000} placeholder={t('form.temporaryMeasuresPlaceholder')} />
      </Form.Item>
      {namePrefix ? null : (
        <>
          {can('patrols:read') ? (
            <Form.Item name="campaignId" label={t('field.campaign')}>
              <CampaignSelect siteId={siteId} initial={campaign} />
            </Form.Item>
          ) : null}
          <AddresseeFields form={form} siteId={siteId} initial={addressee} />
        </>
      )}
    </>
  );
}

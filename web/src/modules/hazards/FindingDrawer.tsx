import { Button, Col, Flex, Form, type FormInstance, Input, Modal, Row, Select, TreeSelect, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth';
import { FormDrawer, RemoteSelect, useDictionary } from '../../components';
import { AttachmentsPanel } from '../../components/AttachmentsPanel';
import { useLocationTree } from '../equipment/options';
import { toTreeOptions } from '../equipment/tree';
import { CampaignSelect } from './HazardFields';
import { FINDINGS, type Finding, type FindingInput, OWNER_FINDING } from './types';

interface Values {
  siteId: string;
  locationId?: string | null;
  assetId?: string | null;
  category?: string | null;
  description: string;
  campaignId?: string | null;
}

/**
 * 报告问题: a finding reported directly (site, location or asset, category, what is wrong).
 * Photos go to the created finding, so the next step (FindingPhotosDialog) asks for them.
 */
export function FindingDrawer({
  open,
  onClose,
  defaultSiteId,
  defaultCampaign,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  defaultSiteId?: string | null;
  defaultCampaign?: { value: string; label: string } | null;
  onSaved?: (f: Finding) => void;
}) {
  const { t } = useTranslation('hazards');
  const me = useMe();
  const can = useCan();
  const sites = me.sites.filter((s) => can('hazards:report', s.id));
  const firstSite = defaultSiteId && sites.some((s) => s.id === defaultSiteId) ? defaultSiteId : sites[0]?.id;

  return (
    <FormDrawer<Values, Finding>
      open={open}
      onClose={onClose}
      title={t('findings.create')}
      resource={FINDINGS}
      record={null}
      initialValues={{ siteId: firstSite, campaignId: defaultCampaign?.value ?? null }}
      toBody={(v): FindingInput => ({
        siteId: v.siteId,
        locationId: v.locationId ?? null,
        assetId: v.assetId ?? null,
        category: v.category ?? null,
        description: v.description.trim(),
        campaignId: v.campaignId ?? null,
      })}
      onSaved={(f) => onSaved?.(f)}
    >
      {(form) => <FindingFields form={form} sites={sites} defaultCampaign={defaultCampaign} />}
    </FormDrawer>
  );
}

function FindingFields({
  form,
  sites,
  defaultCampaign,
}: {
  form: FormInstance<Values>;
  sites: { id: string; name: string; code: string }[];
  defaultCampaign?: { value: string; label: string } | null;
}) {
  const { t } = useTranslation('hazards');
  const can = useCan();
  const categories = useDictionary('hazard_category');
  const siteId = Form.useWatch('siteId', form);
  const locationId = Form.useWatch('locationId', form);
  const locations = useLocationTree(siteId);
  return (
    <>
      <Form.Item name="siteId" label={t('field.site')} rules={[{ required: true, message: t('validation.site') }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={sites.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))}
          onChange={() => form.setFieldsValue({ locationId: null, assetId: null, campaignId: null })}
          data-testid="finding-site"
        />
      </Form.Item>
      <Form.Item name="locationId" label={t('field.location')}>
        <TreeSelect
          allowClear
          treeData={toTreeOptions(locations.data?.nodes ?? [])}
          showSearch={{ treeNodeFilterProp: 'title' }}
          loading={locations.isFetching}
          disabled={!siteId}
          placeholder={t('form.locationPlaceholder')}
          popupMatchSelectWidth={false}
          data-testid="finding-location"
        />
      </Form.Item>
      {can('assets:read', siteId ?? null) ? (
        <Form.Item name="assetId" label={t('field.asset')}>
          <RemoteSelect<{ id: string; code: string; name: string }>
            resource="/assets"
            params={{ siteId, locationId: locationId ?? undefined, under: '1' }}
            labelOf={(a) => `${a.code} ${a.name}`}
            placeholder={t('form.assetPlaceholder')}
            disabled={!siteId}
            data-testid="finding-asset"
          />
        </Form.Item>
      ) : null}
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="category" label={t('field.category')}>
            <Select allowClear options={categories.options} loading={categories.loading} data-testid="finding-category" />
          </Form.Item>
        </Col>
        {can('patrols:read') ? (
          <Col xs={24} sm={12}>
            <Form.Item name="campaignId" label={t('field.campaign')}>
              <CampaignSelect siteId={siteId} initial={defaultCampaign} />
            </Form.Item>
          </Col>
        ) : null}
      </Row>
      <Form.Item
        name="description"
        label={t('field.description')}
        rules={[
          { required: true, whitespace: true, message: t('validation.description') },
          { max: 2000, message: t('validation.max', { max: 2000 }) },
        ]}
      >
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('form.findingPlaceholder')} data-testid="finding-description" />
      </Form.Item>
      <Typography.Text type="secondary">{t('form.photosNext')}</Typography.Text>
    </>
  );
}

/** The step after 报告问题: photos of what was found, then handle it now or later. */
export function FindingPhotosDialog({
  finding,
  onClose,
  onResolve,
}: {
  finding: Finding | null;
  onClose: () => void;
  onResolve: (f: Finding) => void;
}) {
  const { t } = useTranslation('hazards');
  return (
    <Modal
      open={finding !== null}
      title={finding ? t('findings.photosTitle', { number: finding.number }) : null}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8} wrap>
          <Button onClick={onClose} data-testid="finding-photos-done">
            {t('findings.later')}
          </Button>
          <Button type="primary" onClick={() => finding && onResolve(finding)} data-testid="finding-photos-resolve">
            {t('findings.resolveNow')}
          </Button>
        </Flex>
      }
    >
      {finding ? (
        <>
          <Typography.Paragraph type="secondary">{t('findings.photosHint')}</Typography.Paragraph>
          <AttachmentsPanel ownerType={OWNER_FINDING} ownerId={finding.id} bare />
        </>
      ) : null}
    </Modal>
  );
}

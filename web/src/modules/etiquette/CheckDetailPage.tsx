import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCan, useMe } from '../../app/auth';
import { ChecklistResultView, DetailPage, useRecord } from '../../components';
import { formatInZone } from '../maintenance/format';
import { ScoreTag } from './options';
import { CHECKS, type EtiquetteCheckDetail, PATHS } from './types';

const dash = (v: string | null | undefined) => (v ? v : '—');

/** 礼仪检查详情: who was checked, by whom and when, the score, what failed, and the filled checklist. */
export default function CheckDetailPage() {
  const { t } = useTranslation('etiquette');
  const { id } = useParams<{ id: string }>();
  const record = useRecord<EtiquetteCheckDetail>(CHECKS, id);
  const c = record.data;
  const me = useMe();
  const can = useCan();
  const zone = c ? me.sites.find((s) => s.id === c.siteId)?.timezone : undefined;

  const items = c
    ? [
        {
          key: 'score',
          label: t('field.score'),
          children: (
            <span data-testid="etiquette-score">
              <ScoreTag score={c.score} large />
            </span>
          ),
        },
        {
          key: 'person',
          label: t('field.person'),
          children:
            c.personId && can('training:manage', c.siteId) ? <Link to={PATHS.person(c.personId)}>{c.personName}</Link> : c.personName,
        },
        { key: 'unit', label: t('field.personUnit'), children: dash(c.personUnit) },
        { key: 'site', label: t('field.site'), children: c.siteName },
        { key: 'template', label: t('field.template'), children: c.templateName },
        { key: 'checked', label: t('field.checkedAt'), children: `${formatInZone(c.checkedAt, zone)} · ${c.checkedByName}` },
        {
          key: 'failed',
          label: t('field.failedItems'),
          span: 'filled' as const,
          children: c.failedItems.length ? (
            <Typography.Text type="danger">{c.failedItems.join('、')}</Typography.Text>
          ) : (
            <Typography.Text type="success">{t('check.allPassed')}</Typography.Text>
          ),
        },
        {
          key: 'note',
          label: t('field.note'),
          span: 'filled' as const,
          children: <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{dash(c.note)}</span>,
        },
      ]
    : [];

  return (
    <DetailPage
      title={c ? `${c.number} ${c.personName}` : t('check.title')}
      subtitle={c ? `${c.siteName} · ${c.templateName}` : undefined}
      backTo={PATHS.list}
      loading={record.isPending}
      error={record.error}
      onRetry={() => void record.refetch()}
      actions={
        c && can('training:manage', c.siteId) ? (
          <Link to={`${PATHS.create}?${new URLSearchParams({ siteId: c.siteId, templateId: c.templateId }).toString()}`}>
            <Button type="primary" icon={<PlusOutlined />} data-testid="etiquette-next">
              {t('check.next')}
            </Button>
          </Link>
        ) : null
      }
      items={items}
    >
      {c ? (
        <Card size="small" title={t('check.result')}>
          <ChecklistResultView result={c.result} />
        </Card>
      ) : null}
    </DetailPage>
  );
}

import { CheckCircleFilled, WarningOutlined } from '@ant-design/icons';
import { Alert, Card, Flex, Input, InputNumber, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, isApiError } from '../../app/api';
import { useErrorText } from '../../components';
import { valueText } from './band';
import { type Draft, draftIssues, needsNote, type RowErrors, targetText } from './entry';
import { BandFeedback, useSiteTime } from './options';
import { POINTS, type Reading, type ReadingInput, type ReadingPoint } from './types';

/** The typed value of one point: the number (with the unit), what it means against the band, and the note an out-of-band value needs. */
export function PointValueInput({
  point,
  draft,
  onChange,
  errors,
  disabled,
  compact,
}: {
  point: ReadingPoint;
  draft: Draft;
  onChange: (draft: Draft) => void;
  /** the server's messages (or the client's checks) for this point */
  errors?: RowErrors;
  disabled?: boolean;
  /** the bulk table: a one-line note box instead of the warning and text area */
  compact?: boolean;
}) {
  const { t } = useTranslation('readings');
  const issues = draftIssues(point, draft);
  const valueError =
    errors?.value ?? (issues.value ? t(`entry.${issues.value}`, { last: valueText(point.lastValue, point.unit) }) : undefined);
  const noteError = errors?.note;
  const out = needsNote(point, draft.value);
  const testId = `reading-${point.code}`;

  return (
    <Flex vertical gap={6} style={{ minWidth: 0 }}>
      <Flex gap={8} align="center" wrap>
        <InputNumber<number>
          size={compact ? 'middle' : 'large'}
          inputMode="decimal"
          value={draft.value}
          onChange={(v) => onChange({ ...draft, value: typeof v === 'number' ? v : null })}
          suffix={point.unit || undefined}
          placeholder={t('entry.valuePlaceholder')}
          status={valueError ? 'error' : undefined}
          disabled={disabled}
          style={{ width: compact ? 140 : '100%', maxWidth: compact ? 140 : 220 }}
          aria-label={`${point.name} ${t('field.value')}`}
          data-testid={`${testId}-value`}
        />
        <BandFeedback point={point} value={draft.value} />
      </Flex>
      {valueError ? (
        <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`${testId}-error`}>
          {valueError}
        </Typography.Text>
      ) : null}
      {errors?.line ? (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {errors.line}
        </Typography.Text>
      ) : null}
      {out ? (
        <>
          {compact ? null : (
            <Alert
              type="warning"
              showIcon
              icon={<WarningOutlined />}
              title={t('entry.deviationWarning')}
              data-testid={`${testId}-warning`}
            />
          )}
          <Input.TextArea
            autoSize={{ minRows: compact ? 1 : 2, maxRows: 4 }}
            maxLength={500}
            value={draft.note}
            onChange={(e) => onChange({ ...draft, note: e.target.value })}
            placeholder={t('entry.notePlaceholder')}
            status={noteError || issues.note ? 'error' : undefined}
            disabled={disabled}
            style={compact ? { minWidth: 180 } : undefined}
            data-testid={`${testId}-note`}
          />
          {noteError ? (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {noteError}
            </Typography.Text>
          ) : issues.note ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('entry.noteRequired')}
            </Typography.Text>
          ) : null}
        </>
      ) : null}
    </Flex>
  );
}

/** The point's band, the last reading and open deviations, under its name. */
export function PointFacts({ point }: { point: ReadingPoint }) {
  const { t } = useTranslation('readings');
  const siteTime = useSiteTime();
  return (
    <Flex wrap gap={6} align="center">
      {point.bandText ? <Tag color="green">{t('entry.band', { band: point.bandText })}</Tag> : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {point.lastReadAt
          ? t('entry.last', { value: valueText(point.lastValue, point.unit), at: siteTime(point.lastReadAt, point.siteId) })
          : t('entry.never')}
      </Typography.Text>
      {point.openDeviations > 0 ? (
        <Link to={`/readings/deviations?pointId=${point.id}`}>
          <Tag color="error">{t('entry.openDeviations', { count: point.openDeviations })}</Tag>
        </Link>
      ) : null}
    </Flex>
  );
}

/** What came back for one point after sending. */
export interface EntryResult {
  saved?: Reading;
  errors?: RowErrors;
}

/** The card of one point on the phone page (and the detail page's quick entry): name and place, band, the input, the result. */
export function PointEntryCard({
  point,
  draft,
  onChange,
  result,
  disabled,
  extra,
}: {
  point: ReadingPoint;
  draft: Draft;
  onChange: (draft: Draft) => void;
  result?: EntryResult;
  disabled?: boolean;
  extra?: ReactNode;
}) {
  const { t } = useTranslation('readings');
  const siteTime = useSiteTime();
  const saved = result?.saved;
  return (
    <Card
      size="small"
      data-testid={`entry-card-${point.code}`}
      title={
        <Space orientation="vertical" size={0} style={{ minWidth: 0, whiteSpace: 'normal' }}>
          <Typography.Text strong>{point.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            {[point.code, targetText(point)].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Space>
      }
      extra={extra}
      styles={{ header: { paddingTop: 8, paddingBottom: 8 } }}
    >
      <Flex vertical gap={8}>
        <PointFacts point={point} />
        <PointValueInput point={point} draft={draft} onChange={onChange} errors={result?.errors} disabled={disabled} />
        {saved ? (
          <Alert
            type={saved.inBand === false ? 'warning' : 'success'}
            showIcon
            icon={saved.inBand === false ? <WarningOutlined /> : <CheckCircleFilled />}
            data-testid={`entry-saved-${point.code}`}
            title={t(saved.isRecheck ? 'entry.savedRecheck' : 'entry.saved', {
              value: valueText(saved.value, saved.unit),
              at: siteTime(saved.readAt, saved.siteId),
            })}
            description={
              saved.inBand === false && saved.deviationId ? (
                <Link to={`/readings/deviations?pointId=${point.id}`}>{t('entry.deviationOpened')}</Link>
              ) : saved.consumption !== null ? (
                t('entry.consumption', { value: valueText(saved.consumption, saved.unit) })
              ) : undefined
            }
          />
        ) : null}
      </Flex>
    </Card>
  );
}

/**
 * Sends one reading per point (POST /reading-points/:id/readings, source "manual"), one
 * after another, so that each point keeps its own answer: a refused value never loses the others.
 */
export function useSendReadings() {
  const errorText = useErrorText();
  return async (items: { point: ReadingPoint; body: ReadingInput }[]): Promise<Record<string, EntryResult>> => {
    const results: Record<string, EntryResult> = {};
    for (const { point, body } of items) {
      try {
        results[point.id] = { saved: await api.post<Reading>(`${POINTS}/${point.id}/readings`, body) };
      } catch (err) {
        const errors: RowErrors = {};
        if (isApiError(err) && err.fields.length) {
          for (const f of err.fields) {
            const key = f.field.replace(/^\//, '');
            if (key === 'note') errors.note = f.message;
            else if (key === 'value') errors.value = f.message;
            else errors.line = errors.line ? `${errors.line}；${f.message}` : f.message;
          }
        } else {
          errors.line = errorText(err);
        }
        results[point.id] = { errors };
      }
    }
    return results;
  };
}

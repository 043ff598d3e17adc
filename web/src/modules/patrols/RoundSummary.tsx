import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { textLang } from '../../components/recurrenceText';
import { formatInZone } from '../maintenance/format';
import { durationText } from './logic';
import type { Round } from './types';

/**
 * After a round is finished: how long it took, points checked in / skipped / out of
 * order, findings, on time or not, who finished it when and the note.
 */
export function RoundSummary({ round, timeZone }: { round: Round; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation('patrols');
  const lang = textLang(i18n.language);
  const figure = (title: string, value: string | number, color?: string, testId?: string) => (
    <Col xs={12} sm={8} md={4}>
      <Statistic title={title} value={value} styles={{ content: { fontSize: 20, color } }} data-testid={testId} />
    </Col>
  );
  return (
    <Card size="small" title={t('summary.title')} style={{ marginBottom: 16 }} data-testid="round-summary">
      <Row gutter={[12, 12]}>
        {figure(t('summary.duration'), durationText(round.durationMinutes, lang), undefined, 'summary-duration')}
        {figure(t('summary.checked'), `${round.checkedCount} / ${round.points.length}`, undefined, 'summary-checked')}
        {figure(t('summary.skipped'), round.skippedCount, round.skippedCount ? '#d46b08' : undefined, 'summary-skipped')}
        {figure(t('summary.outOfOrder'), round.outOfOrderCount, round.outOfOrderCount ? '#cf1322' : undefined, 'summary-out-of-order')}
        {figure(t('summary.findings'), round.findingsCount, round.findingsCount ? '#d46b08' : undefined, 'summary-findings')}
        {figure(
          t('summary.onTime'),
          round.onTime === null ? '—' : t(round.onTime ? 'round.onTime' : 'round.late'),
          round.onTime === false ? '#d46b08' : round.onTime ? '#389e0d' : undefined,
          'summary-on-time',
        )}
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('summary.doneBy', {
          name: round.doneByName ?? '—',
          start: formatInZone(round.startedAt, timeZone),
          end: formatInZone(round.finishedAt, timeZone),
        })}
      </Typography.Paragraph>
      {round.note ? (
        <Typography.Paragraph style={{ marginTop: 4, marginBottom: 0, whiteSpace: 'pre-wrap' }}>
          {t('summary.note', { note: round.note })}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

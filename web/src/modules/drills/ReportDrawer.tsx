import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { FormDrawer } from '../../components';
import { useDrillRules } from './DrillFields';
import { type ReportValues, reportInput } from './logic';
import { DRILLS, type Drill, type DrillReport } from './types';

/** The report's parts in the order of the 演练报告 form; purpose and course are required. */
export const REPORT_PARTS: { key: keyof DrillReport; required: boolean; rows: number }[] = [
  { key: 'purpose', required: true, rows: 2 },
  { key: 'course', required: true, rows: 4 },
  { key: 'problems', required: false, rows: 3 },
  { key: 'causes', required: false, rows: 3 },
  { key: 'lessons', required: false, rows: 3 },
  { key: 'evaluation', required: false, rows: 3 },
  { key: 'improvements', required: false, rows: 3 },
];

/**
 * 演练报告: file or amend the report of a done drill (purpose, course, problems and their
 * causes, lessons, evaluation, improvements). Improvements to be followed up are added as
 * action items under the report. PUT /drills/:id/report with the version.
 */
export function ReportDrawer(props: { open: boolean; onClose: () => void; drill: Drill; onSaved?: (d: Drill) => void }) {
  const { t } = useTranslation('drills');
  const rules = useDrillRules();
  const { drill } = props;

  return (
    <FormDrawer<ReportValues, Drill, Drill>
      open={props.open}
      onClose={props.onClose}
      width={640}
      title={t(drill.report ? 'report.edit' : 'report.create', { number: drill.number })}
      resource={DRILLS}
      record={drill}
      toValues={(d) => ({ ...(d.report ?? {}) })}
      toBody={(v) => reportInput(v)}
      submit={(body, _mode, current) => api.put<Drill>(`${DRILLS}/${current?.id ?? drill.id}/report`, body)}
      onSaved={(d) => props.onSaved?.(d)}
    >
      {REPORT_PARTS.map((part) => (
        <Form.Item
          key={part.key}
          name={part.key}
          label={t(`report.${part.key}`)}
          extra={part.key === 'improvements' ? t('report.improvementsHint') : undefined}
          rules={[...(part.required ? [rules.required(t(`report.${part.key}`))] : []), rules.max(4000)]}
        >
          <Input.TextArea
            autoSize={{ minRows: part.rows, maxRows: 12 }}
            maxLength={4000}
            placeholder={t(`report.${part.key}Placeholder`)}
            data-testid={`report-${part.key}`}
          />
        </Form.Item>
      ))}
    </FormDrawer>
  );
}

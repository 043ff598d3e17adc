import { Alert, Form, Input } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { FormDrawer } from '../../components';
import { AttachmentsPanel } from '../../components/AttachmentsPanel';
import { CommanderField, PlaceFields, RecordFields, useDrillRules } from './DrillFields';
import { type DrillValues, defaultStart, participantRows, recordInput } from './logic';
import { DRILLS, type Drill, OWNER_DRILL } from './types';

/**
 * 登记演练: a planned drill carried out (or a missed one recorded late) — start and end,
 * commander, where, the scenario as it was run, participants by group, preparation and
 * the photos taken on the spot. Laid out for a phone. POST /drills/:id/record.
 */
export function RecordDrawer(props: { open: boolean; onClose: () => void; drill: Drill; onSaved?: (d: Drill) => void }) {
  const { t } = useTranslation('drills');
  const rules = useDrillRules();
  const { drill } = props;

  return (
    <FormDrawer<DrillValues, Drill, Drill>
      open={props.open}
      onClose={props.onClose}
      width={640}
      title={t('record.title', { number: drill.number })}
      resource={DRILLS}
      record={drill}
      toValues={(d) => ({
        scenario: d.scenario,
        locationId: d.locationId,
        place: d.place,
        commanderId: d.commanderId,
        startedAt: dayjs(defaultStart(d.plannedAt, new Date())),
        endedAt: null,
        participants: participantRows(d.participants),
        preparation: d.preparation,
      })}
      toBody={(v) => recordInput(v)}
      submit={(body, _mode, current) => api.post<Drill>(`${DRILLS}/${current?.id ?? drill.id}/record`, body)}
      onSaved={(d) => props.onSaved?.(d)}
    >
      {(form) => (
        <>
          {drill.status === 'missed' ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('record.late')} /> : null}
          <CommanderField siteId={drill.siteId} current={{ id: drill.commanderId, name: drill.commanderName }} required />
          <PlaceFields siteId={drill.siteId} />
          <Form.Item name="scenario" label={t('field.scenario')} rules={[rules.required(t('field.scenario')), rules.max(2000)]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
          <RecordFields form={form} />
          <Form.Item label={t('field.photos')} extra={t('record.photosHint')}>
            <AttachmentsPanel ownerType={OWNER_DRILL} ownerId={drill.id} bare />
          </Form.Item>
        </>
      )}
    </FormDrawer>
  );
}

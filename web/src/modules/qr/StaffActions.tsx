import { DashboardOutlined, ScanOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { PatrolRoundDto } from '../../../../contracts/patrols';
import type { ReadingPointDto } from '../../../../contracts/readings';
import type { MeResponse } from '../../../../contracts/types';
import { api } from '../../app/api';
import { mayReadHere, type QrTargetRef, readingEntryLink, roundHere, roundPointLink, staffAbilities } from './staff';

/** The most rounds one person has under way at once is a handful; one page covers them. */
const ROUNDS_LIMIT = 50;

/**
 * Next to 报修, for a signed-in person: 抄表 when the label's location or asset has reading
 * points they record, 巡检签到 when one of their rounds under way has a point here. Each is
 * asked only when the person holds the permissions; a failure just leaves the button out.
 */
export function StaffActions({ code, me, target }: { code: string; me: MeResponse; target: QrTargetRef | null }) {
  const { t } = useTranslation('qr');
  const navigate = useNavigate();
  const may = staffAbilities(me);
  const points = useQuery({
    queryKey: ['q-reading-points', code, me.user.id],
    queryFn: ({ signal }) => api.list<ReadingPointDto>('/reading-points', { qr: code, active: 1, limit: 1 }, signal),
    enabled: may.readings,
    retry: false,
  });
  const rounds = useQuery({
    queryKey: ['q-rounds', me.user.id],
    queryFn: ({ signal }) =>
      api.list<PatrolRoundDto>('/patrols/rounds', { assignee: 'me', status: ['in_progress'], sort: 'dueAt', limit: ROUNDS_LIMIT }, signal),
    enabled: may.patrols && target !== null,
    retry: false,
  });
  const read = points.data ? mayReadHere(me, points.data.items) : false;
  const here = rounds.data && target ? roundHere(rounds.data.items, target) : null;
  if (!read && !here) return null;
  return (
    <Flex vertical gap={8} data-testid="qr-staff-actions">
      {here ? (
        <Button
          type="primary"
          size="large"
          block
          icon={<ScanOutlined />}
          style={{ height: 56, fontSize: 18, whiteSpace: 'normal', lineHeight: 1.2 }}
          onClick={() => navigate(roundPointLink(here))}
          data-testid="qr-patrol-check-in"
        >
          {here.pointStatus === 'pending' ? t('staff.checkIn', { plan: here.planName }) : t('staff.checklist', { plan: here.planName })}
        </Button>
      ) : null}
      {read ? (
        <Button
          size="large"
          block
          icon={<DashboardOutlined />}
          style={{ height: 56, fontSize: 18 }}
          onClick={() => navigate(readingEntryLink(code))}
          data-testid="qr-reading"
        >
          {t('staff.reading')}
        </Button>
      ) : null}
    </Flex>
  );
}

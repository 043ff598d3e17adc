import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan, useMe } from '../../app/auth';
import { StatusTag } from '../../components';
import { SESSION_STYLES, SPOT_CHECK_STYLES, sessionPhase } from './logic';
import { PATHS, QUESTION_KINDS, type Session, SPOT_CHECK_STATUSES, type SpotCheckStatus, TRAINING_STATUSES } from './types';

export function SessionStatusTag({ session }: { session: Pick<Session, 'status' | 'startsAt'> }) {
  return <StatusTag status={sessionPhase(session, new Date())} map={SESSION_STYLES} />;
}

export function SpotCheckStatusTag({ status }: { status: SpotCheckStatus }) {
  return <StatusTag status={status} map={SPOT_CHECK_STYLES} />;
}

/** 通过 green, 未通过 red, not taken grey. */
export function PassTag({ passed }: { passed: boolean | null }) {
  const { t } = useTranslation('training');
  if (passed === null) return <Tag>{t('result.notTaken')}</Tag>;
  return <Tag color={passed ? 'success' : 'error'}>{t(passed ? 'result.passed' : 'result.failed')}</Tag>;
}

/**
 * A person's name opening their training record (sessions, quizzes, etiquette checks) —
 * for themself and for those who manage training on the site (the record's readers).
 */
export function PersonLink({ userId, name, siteId }: { userId: string | null; name: string; siteId: string }) {
  const me = useMe();
  const can = useCan();
  if (!userId || (userId !== me.user.id && !can('training:manage', siteId))) return <>{name}</>;
  return (
    <Link to={`${PATHS.people}/${userId}`} onClick={(e) => e.stopPropagation()}>
      {name}
    </Link>
  );
}

export function useTrainingOptions() {
  const { t } = useTranslation('training');
  return {
    sessionStatuses: TRAINING_STATUSES.map((s) => ({ value: s, label: t(`sessionStatus.${s}`) })),
    spotCheckStatuses: SPOT_CHECK_STATUSES.map((s) => ({ value: s, label: t(`spotCheckStatus.${s}`) })),
    kinds: QUESTION_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) })),
  };
}

/** The time zone of a site the person sees (times are the site's wall clock). */
export function useZoneOf() {
  const me = useMe();
  return (siteId: string | null | undefined) => me.sites.find((s) => s.id === siteId)?.timezone;
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth';
import { PageContainer } from '../../components';
import { IssueNoticeDrawer } from './IssueNoticeDrawer';
import { NoticesTable } from './NoticesTable';

/** 整改通知: every notice of the person's sites; property administrators issue new ones here. */
export default function NoticesPage() {
  const { t } = useTranslation('counters');
  const can = useCan();
  const [issuing, setIssuing] = useState(false);
  return (
    <PageContainer title={t('notice.listTitle')} subtitle={t('notice.subtitle')}>
      <NoticesTable onCreate={can('counters:manage') ? () => setIssuing(true) : undefined} />
      <IssueNoticeDrawer open={issuing} onClose={() => setIssuing(false)} />
    </PageContainer>
  );
}

import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageContainer } from '../../components';
import { DEVIATION_FILTERS, DeviationsTable } from './DeviationsTable';

/** 偏差: out-of-band readings waiting for a corrective note or a re-check; overdue re-checks in red. Filters come from the URL too. */
export default function DeviationsPage() {
  const { t } = useTranslation('readings');
  const [search] = useSearchParams();
  const initialFilters: Record<string, string> = {};
  for (const key of DEVIATION_FILTERS) {
    const v = search.get(key);
    if (v) initialFilters[key] = v;
  }
  return (
    <PageContainer title={t('deviations.title')} subtitle={t('deviations.subtitle')}>
      {/* a new link (a measure, a point) starts the filters afresh */}
      <DeviationsTable key={search.toString()} initialFilters={initialFilters} />
    </PageContainer>
  );
}

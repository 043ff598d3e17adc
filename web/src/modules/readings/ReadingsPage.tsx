import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCan } from '../../app/auth';
import { ImportDialog, PageContainer } from '../../components';
import { READING_FILTERS, ReadingsTable } from './ReadingsTable';
import { DEVIATIONS, POINTS, READINGS } from './types';

/** 读数记录: every reading with its band check and source; 导入 takes an Excel of readings (points named by code). */
export default function ReadingsPage() {
  const { t } = useTranslation('readings');
  const can = useCan();
  const [search] = useSearchParams();
  const [importOpen, setImportOpen] = useState(false);
  const initialFilters: Record<string, string> = {};
  for (const key of READING_FILTERS) {
    const v = search.get(key);
    if (v) initialFilters[key] = v;
  }
  return (
    <PageContainer title={t('readings.title')} subtitle={t('readings.subtitle')}>
      <ReadingsTable
        key={search.toString()}
        initialFilters={initialFilters}
        onImport={can('readings:manage') ? () => setImportOpen(true) : undefined}
      />
      <ImportDialog
        open={importOpen}
        onClose={() => setImportOpen(false)}
        title={t('import.title')}
        templatePath={`${READINGS}/import/template`}
        importPath={`${READINGS}/import`}
        invalidate={[READINGS, POINTS, DEVIATIONS]}
      />
    </PageContainer>
  );
}

import { EnvironmentOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth';
import { setSelectedSite, useSelectedSite } from '../site';

const ALL = '__all__';

/**
 * 全部场所 or one of my sites. The choice goes out as x-houqin-site on every request;
 * list queries carry it in their keys and everything else is invalidated, so what is
 * on screen refetches at once.
 */
export function SiteSwitcher({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation('shell');
  const me = useMe();
  const site = useSelectedSite();
  const client = useQueryClient();
  const options = [
    { value: ALL, label: t('site.all') },
    ...me.sites.map((s) => ({ value: s.id, label: compact ? s.name : `${s.name}（${s.code}）` })),
  ];
  return (
    <Select
      aria-label={t('site.label')}
      data-testid="site-switcher"
      value={site ?? ALL}
      options={options}
      prefix={<EnvironmentOutlined />}
      style={{ width: compact ? 132 : 200 }}
      popupMatchSelectWidth={false}
      onChange={(value: string) => {
        setSelectedSite(value === ALL ? null : value);
        void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      }}
    />
  );
}

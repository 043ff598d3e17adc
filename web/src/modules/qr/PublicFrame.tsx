import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../app/shell/LanguageSwitch';

/**
 * The frame of the pages anyone opens on a phone without signing in (the QR label page,
 * the repair follow-up): brand and language at the top, one narrow column below.
 */
export function PublicFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation('shell');
  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <Flex align="center" justify="space-between" style={{ padding: '8px 12px', background: '#fff', borderBottom: '1px solid #f0f0f0' }}>
        <Flex align="center" gap={8}>
          <img src="/favicon.svg" alt="" width={24} height={24} />
          <Typography.Text strong>{t('brand')}</Typography.Text>
        </Flex>
        <LanguageSwitch compact />
      </Flex>
      <div style={{ maxWidth: 480, margin: '0 auto', padding: 12 }}>{children}</div>
    </div>
  );
}

import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../shell/LanguageSwitch';

/** The centred card used by sign-in, first run and password change — full width on a phone. */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation('shell');
  return (
    <div
      style={{
        minHeight: '100vh',
        background: 'linear-gradient(160deg, #e6f4ff 0%, #f5f5f5 55%)',
        display: 'flex',
        flexDirection: 'column',
      }}
    >
      <Flex justify="flex-end" style={{ padding: 12 }}>
        <LanguageSwitch />
      </Flex>
      <Flex vertical align="center" style={{ flex: 1, padding: '4vh 12px 48px' }}>
        <Flex align="center" gap={12} style={{ marginBottom: 24 }}>
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('brand')}
          </Typography.Title>
        </Flex>
        <Card style={{ width: '100%', maxWidth: 400 }}>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {title}
          </Typography.Title>
          {subtitle ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
              {subtitle}
            </Typography.Paragraph>
          ) : null}
          {children}
        </Card>
      </Flex>
    </div>
  );
}

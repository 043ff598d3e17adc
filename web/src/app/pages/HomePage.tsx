import { Card, Col, Result, Row, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { hasGrant, useMe } from '../auth';
import { firstPath, moduleMenu, visibleMenu } from '../modules';

/**
 * `/`: opens the first page of the menu the person may use. Someone with no
 * permission at all sees who they are and whom to ask, rather than an empty frame.
 */
export default function HomePage() {
  const { t } = useTranslation('shell');
  const me = useMe();
  const target = useMemo(() => firstPath(visibleMenu(moduleMenu, (perm) => hasGrant(me, perm))), [me]);
  if (target) return <Navigate to={`/${target}`} replace />;
  return (
    <Row justify="center">
      <Col xs={24} md={16} lg={12}>
        <Card>
          <Result status="info" title={t('home.welcome', { name: me.user.name })} subTitle={t('home.noAccess')} />
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
            {me.organization.name}
          </Typography.Paragraph>
        </Card>
      </Col>
    </Row>
  );
}

import { Descriptions, Divider, Drawer, Grid, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ActionTag, AuditChanges, type AuditEntry, HistoryPanel, useAuditLabels } from '../../components/HistoryPanel';

/** One audit entry in full (values not cut), and below it every other change of the same record. */
export function AuditDetailDrawer({ entry, onClose }: { entry: AuditEntry | null; onClose: () => void }) {
  const { t } = useTranslation('system');
  const screens = Grid.useBreakpoint();
  const { entityLabel } = useAuditLabels();
  return (
    <Drawer
      open={entry !== null}
      onClose={onClose}
      title={t('audit.detail')}
      size={screens.sm ? 640 : '100%'}
      destroyOnHidden
      data-testid="audit-detail"
    >
      {entry ? (
        <>
          <Descriptions
            size="small"
            column={1}
            bordered
            styles={{ label: { whiteSpace: 'nowrap', width: 1 } }}
            items={[
              { key: 'at', label: t('audit.at'), children: dayjs(entry.at).format('YYYY-MM-DD HH:mm:ss') },
              { key: 'actor', label: t('audit.actor'), children: entry.actorName ?? t('audit.system') },
              { key: 'action', label: t('audit.action'), children: <ActionTag action={entry.action} entity={entry.entity} /> },
              { key: 'entity', label: t('audit.entity'), children: entityLabel(entry.entity) },
              {
                key: 'entityId',
                label: t('audit.entityId'),
                children: <Typography.Text copyable={{ text: entry.entityId }}>{entry.entityId}</Typography.Text>,
              },
              { key: 'site', label: t('audit.site'), children: entry.siteName ?? t('audit.orgWide') },
              {
                key: 'request',
                label: t('audit.requestId'),
                children: entry.requestId ? <Typography.Text copyable>{entry.requestId}</Typography.Text> : '—',
              },
            ]}
          />
          <Divider titlePlacement="start">{t('audit.changes')}</Divider>
          <AuditChanges diff={entry.diff} truncate={false} />
          <Divider titlePlacement="start">{t('audit.recordHistory')}</Divider>
          <HistoryPanel entity={entry.entity} entityId={entry.entityId} bare />
        </>
      ) : null}
    </Drawer>
  );
}

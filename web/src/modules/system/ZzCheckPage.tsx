import { Space } from 'antd';
import { useMe } from '../../app/auth';
import { AttachmentsPanel } from '../../components/AttachmentsPanel';
import { HistoryPanel } from '../../components/HistoryPanel';
import { InboxBell } from '../notifications/InboxBell';

export default function ZzCheckPage() {
  const me = useMe();
  const site = me.sites[0];
  if (!site) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <InboxBell />
      <AttachmentsPanel ownerType="site" ownerId={site.id} />
      <HistoryPanel entity="site" entityId={site.id} />
    </Space>
  );
}

import { Form, Input, InputNumber, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components';
import { HistoryPanel } from '../../components/HistoryPanel';
import { CHANNEL_KINDS, type Channel, type ChannelKind, KIND_FIELDS, SECRET_MASK } from './types';

interface ChannelValues {
  kind: ChannelKind;
  name: string;
  config: Record<string, unknown>;
}

/** Only the chosen kind's settings, without empty ones (the server refuses unknown keys). */
function configBody(kind: ChannelKind, config: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of KIND_FIELDS[kind]) {
    let value = config[field];
    if (typeof value === 'string') value = value.trim();
    if (Array.isArray(value)) value = value.map((v) => String(v).trim()).filter(Boolean);
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    out[field] = value;
  }
  return out;
}

function EmailFields({ editing }: { editing: boolean }) {
  const { t } = useTranslation('notifications');
  return (
    <>
      <Form.Item name={['config', 'host']} label={t('channels.email.host')} extra={t('channels.email.hostHint')} rules={[{ max: 253 }]}>
        <Input placeholder="smtp.example.com" autoComplete="off" />
      </Form.Item>
      <Form.Item name={['config', 'port']} label={t('channels.email.port')} extra={t('channels.email.portHint')}>
        <InputNumber min={1} max={65535} precision={0} style={{ width: '100%' }} placeholder="587" inputMode="numeric" />
      </Form.Item>
      <Form.Item
        name={['config', 'secure']}
        label={t('channels.email.secure')}
        extra={t('channels.email.secureHint')}
        valuePropName="checked"
      >
        <Switch />
      </Form.Item>
      <Form.Item name={['config', 'user']} label={t('channels.email.user')} rules={[{ max: 200 }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        name={['config', 'pass']}
        label={t('channels.email.pass')}
        extra={editing ? t('channels.secretKeep', { mask: SECRET_MASK }) : undefined}
        rules={[{ max: 200 }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name={['config', 'from']} label={t('channels.email.from')} extra={t('channels.email.fromHint')} rules={[{ max: 200 }]}>
        <Input placeholder="后勤平台 <houqin@example.com>" />
      </Form.Item>
      <Form.Item
        name={['config', 'to']}
        label={t('channels.email.to')}
        extra={t('channels.email.toHint')}
        rules={[
          { type: 'array', max: 50 },
          { type: 'array', defaultField: { type: 'email', message: t('channels.email.toInvalid') } },
        ]}
      >
        <Select mode="tags" open={false} tokenSeparators={[',', ';', ' ', '，', '；']} placeholder="ops@example.com" suffixIcon={null} />
      </Form.Item>
    </>
  );
}

function RobotFields({ kind, editing }: { kind: 'wecom' | 'dingtalk'; editing: boolean }) {
  const { t } = useTranslation('notifications');
  return (
    <>
      <Form.Item
        name={['config', 'url']}
        label={t('channels.url')}
        extra={t(`channels.${kind}.urlHint`)}
        rules={[{ type: 'url', message: t('channels.urlInvalid') }, { max: 1000 }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t(`channels.${kind}.urlPlaceholder`)} />
      </Form.Item>
      {kind === 'dingtalk' ? (
        <Form.Item
          name={['config', 'secret']}
          label={t('channels.dingtalk.secret')}
          extra={editing ? t('channels.secretKeep', { mask: SECRET_MASK }) : t('channels.dingtalk.secretHint')}
          rules={[{ max: 200 }]}
        >
          <Input.Password autoComplete="new-password" placeholder="SEC…" />
        </Form.Item>
      ) : null}
    </>
  );
}

/** Create / edit a channel; its fields follow the kind (email, 企业微信, 钉钉). Secrets stay masked unless retyped. */
export function ChannelDrawer({ open, onClose, record }: { open: boolean; onClose: () => void; record: Channel | null }) {
  const { t } = useTranslation('notifications');
  const editing = record !== null;
  return (
    <FormDrawer<ChannelValues, Channel, Channel>
      open={open}
      onClose={onClose}
      width={560}
      title={editing ? t('channels.edit', { name: record.name }) : t('channels.create')}
      resource="/notification-channels"
      record={record}
      initialValues={{ kind: 'wecom', config: {} }}
      toValues={(r) => ({ kind: r.kind as ChannelKind, name: r.name, config: r.config })}
      toBody={(v, mode) => {
        const body = { name: v.name.trim(), config: configBody(v.kind, v.config) };
        return mode === 'create' ? { kind: v.kind, ...body } : body;
      }}
    >
      {() => (
        <>
          <Form.Item
            name="kind"
            label={t('channels.kind')}
            rules={[{ required: true }]}
            extra={editing ? t('channels.kindFixed') : undefined}
          >
            <Select
              disabled={editing}
              options={CHANNEL_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
              data-testid="channel-kind"
            />
          </Form.Item>
          <Form.Item name="name" label={t('channels.name')} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
            <Input placeholder={t('channels.namePlaceholder')} />
          </Form.Item>
          <Form.Item noStyle dependencies={['kind']}>
            {({ getFieldValue }) => {
              const kind = getFieldValue('kind') as ChannelKind;
              return kind === 'email' ? <EmailFields editing={editing} /> : <RobotFields kind={kind} editing={editing} />;
            }}
          </Form.Item>
          {record ? <HistoryPanel entity="notification_channel" entityId={record.id} version={record.version} /> : null}
        </>
      )}
    </FormDrawer>
  );
}

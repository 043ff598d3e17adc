import { Alert, App, type ButtonProps, Checkbox, Form, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { UserSelect, useErrorText, useInvalidate } from '../../components';
import { MY, PEOPLE, SESSIONS, type Session } from './types';

/**
 * 手工签到: the trainer signs people in by hand (no phone, a flat battery) — the invited
 * who have not signed in are ticked off a list, anyone else of the site is searched by name.
 */
export function ManualSignInDialog({ open, onClose, session }: { open: boolean; onClose: () => void; session: Session }) {
  const { t } = useTranslation('training');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [invited, setInvited] = useState<string[]>([]);
  const [others, setOthers] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const waiting = session.attendees.filter((a) => !a.signedInAt);
  const signedIds = session.attendees.filter((a) => a.signedInAt).map((a) => a.userId);

  useEffect(() => {
    if (!open) return;
    setInvited([]);
    setOthers([]);
    setError(null);
  }, [open]);

  const userIds = [...new Set([...invited, ...others])];

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await api.post(`${SESSIONS}/${session.id}/attendees`, { userIds, version: session.version });
      message.success(t('attendees.signedInByHand', { count: userIds.length }));
      await invalidate(SESSIONS, MY, PEOPLE);
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('attendees.manualTitle')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('attendees.manualOk', { count: userIds.length })}
      okButtonProps={{ disabled: userIds.length === 0, loading: saving, 'data-testid': 'manual-signin-ok' } as ButtonProps}
      cancelText={t('common:actions.cancel')}
      destroyOnHidden
    >
      {error ? (
        <Alert
          type={isApiError(error, 'STALE_VERSION') ? 'warning' : 'error'}
          showIcon
          style={{ marginBottom: 12 }}
          title={isApiError(error, 'STALE_VERSION') ? t('common:form.stale') : errorText(error)}
        />
      ) : null}
      <Form layout="vertical" component="div">
        {waiting.length ? (
          <Form.Item label={t('attendees.invitedWaiting', { count: waiting.length })}>
            <Checkbox.Group
              value={invited}
              onChange={(v) => setInvited(v as string[])}
              options={waiting.map((a) => ({ value: a.userId, label: a.name }))}
              style={{ display: 'flex', flexWrap: 'wrap', rowGap: 8 }}
              data-testid="manual-signin-invited"
            />
          </Form.Item>
        ) : (
          <Typography.Paragraph type="secondary">{t('attendees.noneWaiting')}</Typography.Paragraph>
        )}
        <Form.Item label={t('attendees.others')} extra={t('attendees.othersHint')}>
          <UserSelect
            mode="multiple"
            value={others}
            onChange={(v) => setOthers((v as string[] | undefined) ?? [])}
            params={{ siteId: session.siteId }}
            exclude={[...signedIds, ...waiting.map((a) => a.userId)]}
            placeholder={t('attendees.othersPlaceholder')}
            style={{ width: '100%' }}
            data-testid="manual-signin-users"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { App, Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistTemplateDto } from '../../../../contracts/checklists';
import { api, isApiError } from '../../app/api';
import { useErrorText, useInvalidate } from '../../components';
import { RESOURCE } from './TemplateDrawer';

/**
 * 停用/启用 a template (POST …/active {active, version}). A stopped template is no
 * longer offered to new plans; results already filled against it stay readable.
 */
export function TemplateActiveButton({ record, type = 'link' }: { record: ChecklistTemplateDto; type?: 'link' | 'default' }) {
  const { t } = useTranslation('checklists');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [busy, setBusy] = useState(false);
  const next = !record.active;

  const run = async () => {
    setBusy(true);
    try {
      await api.post(`${RESOURCE}/${record.id}/active`, { active: next, version: record.version });
      message.success(t(next ? 'active.activated' : 'active.deactivated'));
    } catch (err) {
      message.error(isApiError(err, 'STALE_VERSION') ? t('common:form.stale') : errorText(err));
    } finally {
      setBusy(false);
      await invalidate(RESOURCE, '/audit');
    }
  };

  // clicks inside the confirmation bubble (through its portal) to a clickable table row: stop them here
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: only stops the click from opening the row
    // biome-ignore lint/a11y/useKeyWithClickEvents: the button inside is keyboard-operable
    <span onClick={(e) => e.stopPropagation()}>
      <Popconfirm
        title={t(next ? 'active.confirmActivate' : 'active.confirmDeactivate', { name: record.name })}
        description={next ? undefined : t('active.deactivateHint')}
        okText={t(next ? 'common:actions.activate' : 'common:actions.deactivate')}
        okButtonProps={{ danger: !next, loading: busy }}
        cancelText={t('common:actions.cancel')}
        onConfirm={run}
      >
        <Button
          type={type}
          size={type === 'link' ? 'small' : 'middle'}
          danger={!next}
          loading={busy}
          data-testid={`template-${next ? 'activate' : 'deactivate'}`}
        >
          {t(next ? 'common:actions.activate' : 'common:actions.deactivate')}
        </Button>
      </Popconfirm>
    </span>
  );
}

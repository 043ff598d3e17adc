import { CheckOutlined, CloseOutlined, EditOutlined, RollbackOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionItemDrawer } from './ActionItemDrawer';
import { ActionStepDialog } from './ActionStepDialog';
import { type ItemButton, itemButtons } from './logic';
import type { ActionItem, ActionStep } from './types';

const ICONS: Record<ItemButton, ReactNode> = {
  submit: <UploadOutlined />,
  verify: <CheckOutlined />,
  reject: <RollbackOutlined />,
  edit: <EditOutlined />,
  cancel: <CloseOutlined />,
};

/**
 * The buttons of one action item that the signed-in person may use (from the item's
 * canSubmit / canVerify / canEdit), with the dialogs they open. Used in the owner's panel,
 * the item's drawer and its page, so each offers the same steps.
 */
export function ItemActions({ item, size, onChanged }: { item: ActionItem; size?: 'small' | 'middle'; onChanged?: () => void }) {
  const { t } = useTranslation('safety');
  const [step, setStep] = useState<ActionStep | null>(null);
  const [editing, setEditing] = useState(false);
  const buttons = itemButtons(item);
  if (!buttons.length) return null;
  // the dialogs are portals, yet their clicks bubble through React to this span: stop them here so a clickable row around does not open
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: only stops clicks from reaching a row; the buttons inside are the controls
    <span onClick={(e) => e.stopPropagation()} style={{ display: 'inline-block' }}>
      <Space size={4} wrap>
        {buttons.map((b) => (
          <Button
            key={b.step}
            size={size}
            type={b.primary ? 'primary' : 'default'}
            danger={b.danger}
            icon={ICONS[b.step]}
            onClick={() => (b.step === 'edit' ? setEditing(true) : setStep(b.step))}
            data-testid={`action-${b.step}`}
          >
            {b.step === 'edit' ? t('common:actions.edit') : t(`step.${b.step}`)}
          </Button>
        ))}
      </Space>
      <ActionStepDialog item={item} step={step} onClose={() => setStep(null)} onDone={onChanged} />
      <ActionItemDrawer
        open={editing}
        onClose={() => setEditing(false)}
        record={item}
        ownerType={item.ownerType}
        ownerId={item.ownerId}
        siteId={item.siteId}
        onSaved={onChanged}
      />
    </span>
  );
}

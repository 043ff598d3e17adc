import { Button, Drawer, Flex, Grid } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ItemActions } from './ItemActions';
import { ItemDetails } from './ItemDetails';
import { itemButtons } from './logic';
import { type ActionItem, PATHS } from './types';

/** One action item in a side drawer (full screen on a phone), with the steps the person may take. */
export function ItemDrawer({ item, onClose, showOwner = true }: { item: ActionItem | null; onClose: () => void; showOwner?: boolean }) {
  const { t } = useTranslation('safety');
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      open={item !== null}
      onClose={onClose}
      size={screens.sm ? 600 : '100%'}
      title={item ? `${item.number} ${item.title}` : null}
      footer={
        item ? (
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Link to={`${PATHS.actions}/${item.id}`} data-testid="action-open-page">
              {t('item.openPage')}
            </Link>
            <Button onClick={onClose}>{t('common:actions.close')}</Button>
          </Flex>
        ) : null
      }
      data-testid="action-drawer"
    >
      {item ? (
        <>
          {itemButtons(item).length ? (
            <div style={{ marginBottom: 12 }}>
              <ItemActions item={item} />
            </div>
          ) : null}
          <ItemDetails item={item} showOwner={showOwner} />
        </>
      ) : null}
    </Drawer>
  );
}

import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WorkOrderAction, WorkOrderDto } from '../../../../contracts/workorders';
import { api } from '../../app/api';
import { useApiMutation, useErrorText } from '../../components';

export interface StepVars {
  order: WorkOrderDto;
  action: WorkOrderAction;
  body?: Record<string, unknown>;
}

/** One life-cycle step from a card (one tap); refreshes the lists and the board afterwards. */
export function useStep() {
  const { message } = App.useApp();
  const { t } = useTranslation('workorders');
  const errorText = useErrorText();
  const mutation = useApiMutation(['/work-orders', '/work-orders/board'], ({ order, action, body }: StepVars) =>
    api.post<WorkOrderDto>(`/work-orders/${order.id}/actions/${action}`, { version: order.version, ...body }),
  );
  return {
    run: (vars: StepVars) =>
      mutation.mutate(vars, {
        onSuccess: (wo) => void message.success(`${wo.number} ${t(`action.${vars.action}`)}`),
        onError: (err) => void message.error(errorText(err)),
      }),
    pending: mutation.isPending,
  };
}

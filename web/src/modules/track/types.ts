import type { PublicWorkOrderDto, WorkOrderStatus } from '../../../../contracts/workorders';

/** GET /api/v1/public/track/:token */
export type PublicTrack = PublicWorkOrderDto;

/** GET /api/v1/public/track?number=&phone= — the requests whose number and phone match. */
export interface LookupItem {
  token: string;
  number: string;
  siteName: string;
  status: WorkOrderStatus;
  createdAt: string;
}

export type PublicAction = PublicTrack['actions'][number];

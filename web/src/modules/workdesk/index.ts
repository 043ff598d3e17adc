import { lazy } from 'react';
import type { AppModule } from '../../app/modules';

const DispatchBoardPage = lazy(() => import('./DispatchBoardPage'));
const MyWorkPage = lazy(() => import('./MyWorkPage'));

/** The dispatcher board and the technician's 我的工单 (375 px first); their menu items live in the workorders group. */
const workdesk: AppModule = {
  id: 'workdesk',
  order: 101,
  routes: [
    { path: 'work-orders/board', component: DispatchBoardPage, permission: 'workorders:dispatch' },
    { path: 'my-work', component: MyWorkPage, permission: 'workorders:work' },
  ],
  menu: [],
};
export default workdesk;

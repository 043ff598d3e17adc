import { SafetyOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { AppModule } from '../../app/modules';

const MyTrainingPage = lazy(() => import('./MyTrainingPage'));
const CheckinPage = lazy(() => import('./CheckinPage'));
const QuizPage = lazy(() => import('./QuizPage'));
const SessionsPage = lazy(() => import('./SessionsPage'));
const SessionDetailPage = lazy(() => import('./SessionDetailPage'));
const SpotChecksPage = lazy(() => import('./SpotChecksPage'));
const SpotCheckDetailPage = lazy(() => import('./SpotCheckDetailPage'));
const BanksPage = lazy(() => import('./BanksPage'));
const BankEditorPage = lazy(() => import('./BankEditorPage'));
const PersonRecordPage = lazy(() => import('./PersonRecordPage'));

/**
 * 培训与抽查 in the 安全管理 menu: my sessions and quizzes on a phone (我的培训与抽查, QR
 * sign-in, the quiz), training sessions with their sign-in QR (培训记录), knowledge spot
 * checks (知识抽查), question banks (题库) and each person's record.
 */
const training: AppModule = {
  id: 'training',
  order: 245,
  routes: [
    { path: 'training/my', component: MyTrainingPage, permission: 'training:attend' },
    { path: 'training/checkin/:code', component: CheckinPage, permission: 'training:attend' },
    // a quiz is taken by its participant and read by those who read the spot check: the server decides
    { path: 'training/quiz/:attemptId', component: QuizPage },
    { path: 'training/sessions', component: SessionsPage, permission: 'safety:read' },
    { path: 'training/sessions/:id', component: SessionDetailPage, permission: 'safety:read' },
    { path: 'training/spot-checks', component: SpotChecksPage, permission: 'safety:read' },
    { path: 'training/spot-checks/:id', component: SpotCheckDetailPage, permission: 'safety:read' },
    { path: 'training/banks', component: BanksPage, permission: 'training:manage' },
    { path: 'training/banks/:id', component: BankEditorPage, permission: 'training:manage' },
    // one's own record is open to everyone; others' to those who read training (the server decides)
    { path: 'training/people/:userId', component: PersonRecordPage },
  ],
  menu: [
    {
      key: 'safety',
      label: 'safety:menu.group',
      icon: <SafetyOutlined />,
      children: [
        { key: 'training/my', label: 'training:menu.my', permission: 'training:attend' },
        { key: 'training/sessions', label: 'training:menu.sessions', permission: 'safety:read' },
        { key: 'training/spot-checks', label: 'training:menu.spotChecks', permission: 'safety:read' },
        { key: 'training/banks', label: 'training:menu.banks', permission: 'training:manage' },
      ],
    },
  ],
};

export default training;

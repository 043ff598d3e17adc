import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type ApiError, isApiError } from '../app/api';
import { useErrorText } from './useErrorText';

/** 403: the person lacks the permission for this page or record. */
export function ForbiddenResult() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('common:result.forbidden')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('common:actions.backHome')}
        </Button>
      }
    />
  );
}

/** 404: no such page, or a record that does not exist or lies outside the person's sites. */
export function NotFoundResult() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('common:result.notFound')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('common:actions.backHome')}
        </Button>
      }
    />
  );
}

/** Shows what went wrong loading a page: 404/403 results for those codes, otherwise the message and a retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (isApiError(error) && error.status === 404) return <NotFoundResult />;
  if (isApiError(error) && error.status === 403) return <ForbiddenResult />;
  return (
    <Result
      status="error"
      title={t('common:result.loadFailed')}
      subTitle={errorText(error as ApiError | Error)}
      extra={
        onRetry && (
          <Button type="primary" onClick={onRetry}>
            {t('common:actions.retry')}
          </Button>
        )
      }
    />
  );
}

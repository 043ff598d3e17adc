import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { isApiError } from './api';
import { router } from './router';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // a client mistake (4xx) will not fix itself by retrying
      retry: (count, err) => count < 2 && !(isApiError(err) && err.status >= 400 && err.status < 500),
    },
  },
});

/** Providers around the router: data cache, antd theme/locale following the language, antd App context. */
export function Root() {
  const { i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider
        locale={zh ? zhCN : enUS}
        theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6 } }}
        button={{ autoInsertSpace: false }}
      >
        <AntApp>
          <RouterProvider router={router} />
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}

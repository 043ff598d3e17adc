import { Spin } from 'antd';

/** Centered spinner for a page or chunk that is still loading. */
export function PageLoading({ fullscreen = false }: { fullscreen?: boolean }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', minHeight: fullscreen ? '100vh' : 240 }}>
      <Spin size="large" />
    </div>
  );
}

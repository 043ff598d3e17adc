import { ExpandOutlined, PrinterOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../app/api';
import { CHECKIN_OPENS_MINUTES, checkinPath, sessionTimeText } from './logic';
import { SESSIONS, type Session } from './types';

/**
 * The sign-in QR of a session, large enough to scan from a seat, with 全屏 for projecting
 * it in the training room (title, time and the hint around it) and 打印 for a sheet at the
 * door. The QR carries the app's /training/checkin/<code> link, so a phone's camera opens
 * the sign-in page.
 */
export function SessionQrCard({ session, timeZone }: { session: Session; timeZone: string | undefined }) {
  const { t } = useTranslation('training');
  const stage = useRef<HTMLDivElement>(null);
  const [fullscreen, setFullscreen] = useState(false);
  const src = apiUrl(`${SESSIONS}/${session.id}/qr.svg`);
  const when = sessionTimeText(session.startsAt, session.endsAt, timeZone);

  useEffect(() => {
    const sync = () => setFullscreen(document.fullscreenElement === stage.current && stage.current !== null);
    document.addEventListener('fullscreenchange', sync);
    return () => document.removeEventListener('fullscreenchange', sync);
  }, []);

  const enterFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void stage.current?.requestFullscreen?.();
  };

  /** A print sheet of its own: title, time and place, the QR and the hint — nothing of the app around it. */
  const print = () => {
    const w = window.open('', '_blank');
    if (!w) return;
    const doc = w.document;
    doc.title = `${session.number} ${session.title}`;
    const style = doc.createElement('style');
    style.textContent =
      'body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;text-align:center;margin:32px}' +
      'h1{font-size:28px;margin:0 0 8px}p{font-size:18px;margin:4px 0}img{width:120mm;height:120mm;margin:24px auto;display:block}';
    doc.head.appendChild(style);
    const add = (tag: string, text: string) => {
      const el = doc.createElement(tag);
      el.textContent = text;
      doc.body.appendChild(el);
      return el;
    };
    add('h1', session.title);
    add('p', `${session.number} · ${when}`);
    const place = [session.siteName, session.locationPath, session.place].filter(Boolean).join(' · ');
    if (place) add('p', place);
    const img = doc.createElement('img');
    img.alt = t('qr.title');
    img.onload = () => {
      w.focus();
      w.print();
    };
    img.src = new URL(src, window.location.origin).toString();
    doc.body.appendChild(img);
    add('p', t('qr.hint'));
    if (session.checkinCode) add('p', t('qr.code', { code: session.checkinCode }));
  };

  return (
    <Card
      size="small"
      title={
        <Space>
          <QrcodeOutlined />
          {t('qr.title')}
        </Space>
      }
      extra={
        <Space>
          <Button icon={<ExpandOutlined />} onClick={enterFullscreen} data-testid="qr-fullscreen">
            {t('qr.fullscreen')}
          </Button>
          <Button icon={<PrinterOutlined />} onClick={print} data-testid="qr-print">
            {t('qr.print')}
          </Button>
        </Space>
      }
      style={{ height: '100%' }}
      data-testid="session-qr"
    >
      <div
        ref={stage}
        style={{
          background: '#fff',
          display: 'flex',
          flexDirection: 'column',
          alignItems: 'center',
          justifyContent: 'center',
          gap: fullscreen ? 16 : 8,
          padding: fullscreen ? 32 : 0,
        }}
      >
        {fullscreen ? (
          <Flex vertical align="center" gap={4}>
            <Typography.Title level={1} style={{ margin: 0, textAlign: 'center' }}>
              {session.title}
            </Typography.Title>
            <Typography.Text style={{ fontSize: 24 }}>{when}</Typography.Text>
          </Flex>
        ) : null}
        <img
          src={src}
          alt={t('qr.title')}
          style={{
            width: fullscreen ? 'min(70vh, 80vw)' : 'min(100%, 280px)',
            aspectRatio: '1 / 1',
            display: 'block',
          }}
          data-testid="session-qr-image"
        />
        <Typography.Text style={{ fontSize: fullscreen ? 28 : 14, textAlign: 'center' }}>{t('qr.hint')}</Typography.Text>
        {session.checkinCode ? (
          // for a phone whose camera reads no QR: the code is typed on 我的培训
          <Typography.Text
            style={{ fontSize: fullscreen ? 24 : 14, fontFamily: 'monospace', letterSpacing: 2 }}
            data-testid="session-qr-code"
          >
            {t('qr.code', { code: session.checkinCode })}
          </Typography.Text>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: fullscreen ? 18 : 12, textAlign: 'center' }}>
          {t('qr.window', { minutes: CHECKIN_OPENS_MINUTES })}
        </Typography.Text>
        {fullscreen ? null : (
          <Typography.Text
            type="secondary"
            copyable={{ text: new URL(checkinPath(session.checkinCode ?? ''), window.location.origin).toString() }}
            style={{ fontSize: 12 }}
          >
            {t('qr.link')}
          </Typography.Text>
        )}
      </div>
    </Card>
  );
}

import { CameraOutlined, ScanOutlined } from '@ant-design/icons';
import { Button, Input, type InputRef, Modal, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorCtor = new (opts: { formats: string[] }) => BarcodeDetectorLike;

const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;

/**
 * What a scan gives: the code itself, or the code out of a label's QR URL
 * (https://…/q/AB3K7MNP → AB3K7MNP).
 */
export function scannedCode(raw: string): string {
  const text = raw.trim();
  const match = text.match(/\/q\/([A-Za-z0-9_-]+)\/?(?:[?#].*)?$/);
  return match?.[1] ?? text;
}

/** Reads QR codes with the phone camera where the browser has BarcodeDetector (Chrome on Android). */
function CameraDialog({ open, onClose, onCode }: { open: boolean; onClose: () => void; onCode: (code: string) => void }) {
  const { t } = useTranslation('common');
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  // the latest callback, without restarting the camera when the parent re-renders
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  useEffect(() => {
    if (!open || !Detector) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const detector = new Detector({ formats: ['qr_code', 'code_128', 'code_39'] });
    const tick = async () => {
      if (stopped || !video.current) return;
      try {
        const found = await detector.detect(video.current);
        const first = found[0]?.rawValue;
        if (first) {
          onCodeRef.current(first);
          return;
        }
      } catch {
        // frame not ready yet
      }
      timer = setTimeout(() => void tick(), 250);
    };
    setFailed(false);
    navigator.mediaDevices
      ?.getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        void tick();
      })
      .catch(() => setFailed(true));
    return () => {
      stopped = true;
      clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [open]);

  return (
    <Modal open={open} title={t('scan.camera')} onCancel={onClose} footer={null} destroyOnHidden>
      {failed ? (
        <Typography.Text type="danger">{t('scan.cameraFailed')}</Typography.Text>
      ) : (
        <video ref={video} muted playsInline style={{ width: '100%', borderRadius: 8, background: '#000' }} />
      )}
    </Modal>
  );
}

/**
 * The scan box: a hardware or phone scanner types the code (or the QR URL) and Enter;
 * the box clears and keeps the focus for the next one. With BarcodeDetector, a camera button too.
 */
export function ScanInput({
  onScan,
  busy,
  placeholder,
  submitLabel,
}: {
  onScan: (code: string) => void | Promise<void>;
  busy?: boolean;
  placeholder?: string;
  /** the button's word for what a scan does here (登记, 签到, 查找…) */
  submitLabel?: string;
}) {
  const { t } = useTranslation('common');
  const [value, setValue] = useState('');
  const [camera, setCamera] = useState(false);
  const input = useRef<InputRef>(null);

  const submit = async (raw: string) => {
    const code = scannedCode(raw);
    if (!code) return;
    setValue('');
    await onScan(code);
    input.current?.focus();
  };

  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        ref={input}
        size="large"
        autoFocus
        allowClear
        value={value}
        prefix={<ScanOutlined />}
        placeholder={placeholder ?? t('scan.placeholder')}
        onChange={(e) => setValue(e.target.value)}
        onPressEnter={() => void submit(value)}
        autoComplete="off"
        enterKeyHint="go"
        data-testid="scan-input"
      />
      <Button size="large" type="primary" loading={busy} onClick={() => void submit(value)} data-testid="scan-submit">
        {submitLabel ?? t('scan.submit')}
      </Button>
      {Detector ? (
        <>
          <Button size="large" icon={<CameraOutlined />} onClick={() => setCamera(true)} aria-label={t('scan.camera')} />
          <CameraDialog
            open={camera}
            onClose={() => setCamera(false)}
            onCode={(code) => {
              setCamera(false);
              void submit(code);
            }}
          />
        </>
      ) : null}
    </Space.Compact>
  );
}

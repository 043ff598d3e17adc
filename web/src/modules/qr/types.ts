import type { StatusStyle } from '../../components/StatusTag';

/** GET /api/v1/public/q/:code — what anyone who scans a label may see. */
export interface PublicQr {
  type: 'asset' | 'location';
  name: string;
  code: string;
  siteName: string;
  locationPath: string | null;
  /** an asset's status, or active / inactive for a location */
  status: string;
}

/** GET /api/v1/q/:code — the full record for a signed-in person who may read it. */
export interface QrRecord {
  type: 'asset' | 'location';
  id: string;
  link: string;
}

export const STATUS_STYLES: Record<PublicQr['type'], Record<string, StatusStyle>> = {
  asset: {
    in_use: { color: 'success', label: 'qr:assetStatus.in_use' },
    standby: { color: 'processing', label: 'qr:assetStatus.standby' },
    under_repair: { color: 'warning', label: 'qr:assetStatus.under_repair' },
    disabled: { color: 'default', label: 'qr:assetStatus.disabled' },
    scrapped: { color: 'error', label: 'qr:assetStatus.scrapped' },
  },
  location: {
    active: { color: 'success', label: 'qr:locationStatus.active' },
    inactive: { color: 'default', label: 'qr:locationStatus.inactive' },
  },
};

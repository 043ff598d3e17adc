/**
 * Decides what an upload is from its bytes — never from the file name or the
 * client's declared type, both of which the uploader controls. The name may only
 * refuse: an extension that says something else than the bytes (an HTML page or a
 * script called photo.png, a PDF called report.docx) is type spoofing and refused.
 */
export interface Sniffed {
  mime: string;
  /** shown by browsers in place (images, PDF) rather than downloaded */
  inline: boolean;
}

export const ALLOWED_TYPES_MESSAGE =
  '仅支持以下文件类型，且扩展名须与文件内容一致：JPEG/PNG/GIF/WebP 图片、PDF、Word 文档（.docx）、Excel 表格（.xlsx）、MP4 视频、UTF-8 纯文本（.txt）或 CSV';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** ISO-BMFF brands that are MP4 video; HEIC/AVIF/QuickTime share the container but are not accepted. */
const MP4_BRANDS = new Set([
  'isom',
  'iso2',
  'iso3',
  'iso4',
  'iso5',
  'iso6',
  'mp41',
  'mp42',
  'mp71',
  'avc1',
  'dash',
  'M4V ',
  'MSNV',
  'mmp4',
  'f4v ',
]);

const startsWith = (data: Buffer, bytes: number[], at = 0) => bytes.every((b, i) => data[at + i] === b);
const ascii = (data: Buffer, from: number, to: number) => data.subarray(from, to).toString('latin1');

/**
 * Extensions a detected type may be uploaded under. Raster images may carry each other's
 * extension — phones and chat apps often save a WebP or PNG as .jpg, and the stored type
 * (and so the browser's) comes from the bytes anyway; a name without an extension is judged
 * by its bytes alone.
 */
const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'jfif', 'png', 'gif', 'webp'];
const EXTENSIONS: Record<string, string[]> = {
  'image/jpeg': IMAGE_EXTENSIONS,
  'image/png': IMAGE_EXTENSIONS,
  'image/gif': IMAGE_EXTENSIONS,
  'image/webp': IMAGE_EXTENSIONS,
  'application/pdf': ['pdf'],
  [DOCX]: ['docx'],
  [XLSX]: ['xlsx'],
  'video/mp4': ['mp4', 'm4v'],
  'text/plain': ['txt', 'text', 'log'],
  'text/csv': ['csv'],
};

/** Text that opens like a web page, SVG or XML: harmless as served (text/plain, download, nosniff), but never wanted. */
const MARKUP = /^\s*<(?:!doctype|html|head|body|svg|script|iframe|object|embed|\?xml)\b/i;

/** The lower-case extension of a file name, or '' when it has none. */
export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot > 0 ? filename.slice(dot + 1).toLowerCase() : '';
}

/** The type of an upload, or null when it is not one of the accepted types or its name says otherwise. */
export function sniff(data: Buffer, filename = ''): Sniffed | null {
  const type = sniffBytes(data, filename);
  if (!type) return null;
  const ext = extensionOf(filename);
  if (ext && !EXTENSIONS[type.mime]?.includes(ext)) return null;
  if (
    type.mime.startsWith('text/') &&
    MARKUP.test(
      data
        .subarray(0, 1024)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    )
  )
    return null;
  return type;
}

function sniffBytes(data: Buffer, filename: string): Sniffed | null {
  if (startsWith(data, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', inline: true };
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png', inline: true };
  if (ascii(data, 0, 6) === 'GIF87a' || ascii(data, 0, 6) === 'GIF89a') return { mime: 'image/gif', inline: true };
  if (ascii(data, 0, 4) === 'RIFF' && ascii(data, 8, 12) === 'WEBP') return { mime: 'image/webp', inline: true };
  if (ascii(data, 0, 5) === '%PDF-') return { mime: 'application/pdf', inline: true };
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) return sniffOfficeZip(data);
  if (ascii(data, 4, 8) === 'ftyp') return isMp4(data) ? { mime: 'video/mp4', inline: false } : null;
  if (isUtf8Text(data)) return { mime: /\.csv$/i.test(filename) ? 'text/csv' : 'text/plain', inline: false };
  return null;
}

function isMp4(data: Buffer): boolean {
  const boxSize = data.length >= 8 ? data.readUInt32BE(0) : 0;
  if (boxSize < 16) return false;
  const end = Math.min(boxSize, data.length);
  if (MP4_BRANDS.has(ascii(data, 8, 12))) return true;
  // compatible brands follow the major brand and its 4-byte minor version
  for (let at = 16; at + 4 <= end; at += 4) if (MP4_BRANDS.has(ascii(data, at, at + 4))) return true;
  return false;
}

function isUtf8Text(data: Buffer): boolean {
  if (data.length === 0 || data.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return true;
  } catch {
    return false;
  }
}

/** A .docx or .xlsx is a zip whose central directory lists [Content_Types].xml and word/ or xl/ parts. */
function sniffOfficeZip(data: Buffer): Sniffed | null {
  const names = zipEntryNames(data);
  if (!names?.includes('[Content_Types].xml')) return null;
  if (names.some((n) => n.startsWith('word/'))) return { mime: DOCX, inline: false };
  if (names.some((n) => n.startsWith('xl/'))) return { mime: XLSX, inline: false };
  return null;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/** Names from the zip central directory, or null when the archive is malformed. */
export function zipEntryNames(data: Buffer, max = 10_000): string[] | null {
  // the end-of-central-directory record sits in the last 22 bytes + up to 64 KiB of comment
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (data.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = data.readUInt16LE(eocd + 10);
  let at = data.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < Math.min(count, max); n++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== CENTRAL) return null;
    const nameLen = data.readUInt16LE(at + 28);
    const extraLen = data.readUInt16LE(at + 30);
    const commentLen = data.readUInt16LE(at + 32);
    if (at + 46 + nameLen > data.length) return null;
    names.push(data.subarray(at + 46, at + 46 + nameLen).toString('utf8'));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

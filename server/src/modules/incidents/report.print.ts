import type { ActionKind, ActionStatus } from '../../../../contracts/actions.js';
import type { IncidentDto } from '../../../../contracts/incidents.js';
import { ACTION_KIND_LABELS, ACTION_STATUS_LABELS } from '../../platform/actions/index.js';
import type { Ctx } from '../../platform/context.js';
import { FileMissingError, type FileStore } from '../../platform/files/store.js';
import { formatZoned, zonedDate } from '../../platform/numbering/time.js';
import { formatYuan } from '../../platform/print/money.js';
import { createPdf, mm, PAGE_MM, type Pdf } from '../../platform/print/pdf.js';
import { dictionaryLabels } from '../system/index.js';
import { getIncident, INCIDENT_STATUS_LABELS, readableIncident } from './incidents.service.js';

/**
 * 意外事件处理报告单 (DOMAIN.md: title, time, place, responsible person, summary, course
 * of events, cause analysis, handling and result, losses, corrective and preventive
 * measures, attachments, author, reviewer) as a printable A4 form. The measures are the
 * report's action items with their owner, due date and status; photos among the
 * attachments are printed, every attachment is listed by name.
 */

export interface ReportMeasure {
  number: string;
  kind: ActionKind;
  title: string;
  assigneeName: string;
  dueDate: string;
  status: ActionStatus;
}

export interface ReportFile {
  filename: string;
  mime: string;
  data: Buffer | null;
}

export interface ReportData {
  incident: IncidentDto;
  timeZone: string;
  typeLabel: string;
  measures: ReportMeasure[];
  files: ReportFile[];
  generatedAt: string;
}

/** the photos a report prints: a page's worth */
const MAX_PHOTOS = 4;
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png']);

/** What the report prints, read with the report's visibility (404 for another site's report). */
export async function reportData(ctx: Ctx, files: FileStore, id: string): Promise<ReportData> {
  const row = await readableIncident(ctx, id);
  const incident = await getIncident(ctx, id);
  const orgId = ctx.actor.orgId;
  const [types, measures, attachments] = await Promise.all([
    dictionaryLabels(ctx.db, orgId, 'incident_type'),
    ctx.db
      .selectFrom('action_items as a')
      .innerJoin('users as u', 'u.id', 'a.assignee_id')
      .select(['a.number', 'a.kind', 'a.title', 'u.name as assignee_name', 'a.due_date', 'a.status'])
      .where('a.org_id', '=', orgId)
      .where('a.owner_type', '=', 'incident')
      .where('a.owner_id', '=', id)
      .where('a.status', '<>', 'cancelled')
      .orderBy('a.kind')
      .orderBy('a.number')
      .execute(),
    incident.attachmentIds.length
      ? ctx.db
          .selectFrom('attachments')
          .select(['filename', 'mime', 'storage_key'])
          .where('org_id', '=', orgId)
          .where('id', 'in', incident.attachmentIds)
          .orderBy('id')
          .execute()
      : Promise.resolve([]),
  ]);
  const out: ReportFile[] = [];
  let photos = 0;
  for (const a of attachments) {
    let data: Buffer | null = null;
    if (PHOTO_TYPES.has(a.mime) && photos < MAX_PHOTOS) {
      try {
        data = await files.get(a.storage_key);
        photos++;
      } catch (err) {
        // a lost file is still listed by name rather than failing the whole report
        if (!(err instanceof FileMissingError)) throw err;
      }
    }
    out.push({ filename: a.filename, mime: a.mime, data });
  }
  return {
    incident,
    timeZone: row.site_timezone,
    typeLabel: types.get(incident.type)?.zh ?? incident.type,
    measures: measures.map((m) => ({
      number: m.number,
      kind: m.kind,
      title: m.title,
      assigneeName: m.assignee_name,
      dueDate: m.due_date,
      status: m.status,
    })),
    files: out,
    generatedAt: ctx.clock.now().toISOString(),
  };
}

const MARGIN = mm(16);
const PAGE = { width: mm(PAGE_MM.A4.width), height: mm(PAGE_MM.A4.height) };
const WIDTH = PAGE.width - 2 * MARGIN;
const LABEL_W = mm(30);
const PAD = mm(2);
const BODY = 10;
const BOTTOM = PAGE.height - MARGIN - mm(8);

const blank = (v: string | null | undefined) => (v?.trim() ? v.trim() : '—');

/** 2026年3月5日 */
function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

class Layout {
  page = 1;
  y = MARGIN;
  constructor(
    readonly doc: Pdf,
    readonly d: ReportData,
  ) {
    doc.addPage();
    this.footer();
  }

  footer(): void {
    const { doc, d } = this;
    doc.font('cjk').fontSize(7.5).fillColor('#777777');
    const stamp = `${d.incident.number} · 第 ${this.page} 页 · 生成时间 ${formatZoned(new Date(d.generatedAt), d.timeZone)} · Houqin 后勤`;
    doc.text(stamp, MARGIN, PAGE.height - MARGIN - mm(4), { width: WIDTH, align: 'right', lineBreak: false });
    doc.fillColor('black');
  }

  /** a new page when `height` does not fit below y */
  room(height: number): void {
    if (this.y + height <= BOTTOM) return;
    this.doc.addPage();
    this.page++;
    this.footer();
    this.y = MARGIN;
  }

  /** One bordered row: a shaded label cell and the value, split over pages when it is long. */
  row(label: string, value: string): void {
    const { doc } = this;
    const valueW = WIDTH - LABEL_W - 2 * PAD;
    doc.font('cjk').fontSize(BODY);
    const height = Math.max(doc.heightOfString(value || ' ', { width: valueW }) + 2 * PAD, mm(9));
    // a row keeps together on one page; a value taller than a whole page is cut there with an ellipsis
    this.room(Math.min(height, BOTTOM - MARGIN));
    const h = Math.min(height, BOTTOM - this.y);
    doc.rect(MARGIN, this.y, LABEL_W, h).fill('#f0f0f0').fillColor('black');
    doc.rect(MARGIN, this.y, LABEL_W, h).lineWidth(0.6).stroke();
    doc
      .rect(MARGIN + LABEL_W, this.y, WIDTH - LABEL_W, h)
      .lineWidth(0.6)
      .stroke();
    doc
      .font('cjk-bold')
      .fontSize(BODY)
      .text(label, MARGIN + PAD, this.y + PAD, { width: LABEL_W - 2 * PAD });
    doc
      .font('cjk')
      .fontSize(BODY)
      .text(value, MARGIN + LABEL_W + PAD, this.y + PAD, { width: valueW, height: h - 2 * PAD, ellipsis: true });
    this.y += h;
  }

  heading(title: string): void {
    this.room(mm(14));
    this.y += mm(4);
    this.doc.font('cjk-bold').fontSize(11).text(title, MARGIN, this.y, { width: WIDTH });
    this.y = this.doc.y + mm(1.5);
  }

  /** A bordered table with a shaded header row; each row as tall as its tallest cell. */
  table(columns: { title: string; width: number }[], rows: string[][]): void {
    const { doc } = this;
    const draw = (cells: string[], header: boolean) => {
      doc.font(header ? 'cjk-bold' : 'cjk').fontSize(9);
      const height =
        Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: (columns[i]?.width ?? 0) - 2 * PAD }))) + 2 * PAD;
      this.room(height);
      let x = MARGIN;
      cells.forEach((c, i) => {
        const w = columns[i]?.width ?? 0;
        if (header) doc.rect(x, this.y, w, height).fill('#f0f0f0').fillColor('black');
        doc.rect(x, this.y, w, height).lineWidth(0.6).stroke();
        doc
          .font(header ? 'cjk-bold' : 'cjk')
          .fontSize(9)
          .text(c, x + PAD, this.y + PAD, { width: w - 2 * PAD });
        x += w;
      });
      this.y += height;
    };
    draw(
      columns.map((c) => c.title),
      true,
    );
    for (const r of rows) draw(r, false);
  }
}

function place(i: IncidentDto): string {
  // the location's path name starts with the site ("长春店 / A座主楼 / 一层")
  const where = i.locationPath ?? i.siteName;
  return i.place ? `${where}（${i.place}）` : where;
}

function handling(d: ReportData): string {
  const i = d.incident;
  const parts = [blank(i.handling)];
  if (i.resolvedAt) parts.push(`处理完成时间：${formatZoned(new Date(i.resolvedAt), d.timeZone)}`);
  if (i.deadlineAt) {
    const verdict = i.fixedInTime === true ? '按时完成' : i.fixedInTime === false ? '未按时完成' : '处理中';
    parts.push(`处理时限：${formatZoned(new Date(i.deadlineAt), d.timeZone)} 前（${verdict}）`);
  }
  return parts.join('\n');
}

function losses(i: IncidentDto): string {
  const amount = i.lossFen === null ? null : `损失金额：${formatYuan(i.lossFen)}`;
  return [i.losses ?? (amount ? null : '—'), amount].filter((v): v is string => v !== null).join('\n');
}

/** Renders the report; the caller streams it (sendPdf). */
export function reportPdf(d: ReportData): Pdf {
  const i = d.incident;
  const doc = createPdf({ page: 'A4', title: `意外事件处理报告单 ${i.number}` });
  const l = new Layout(doc, d);
  doc.font('cjk-bold').fontSize(18).text('意外事件处理报告单', MARGIN, MARGIN, { width: WIDTH, align: 'center' });
  doc.font('cjk').fontSize(10);
  doc.text(`编号：${i.number}`, MARGIN, MARGIN + mm(11), { width: WIDTH, align: 'right' });
  doc.text(`场所：${i.siteName}    状态：${INCIDENT_STATUS_LABELS[i.status]}`, MARGIN, MARGIN + mm(11), { width: WIDTH });
  l.y = MARGIN + mm(18);
  const rows: [string, string][] = [
    ['事件标题', i.title],
    ['事件类型', d.typeLabel],
    ['发生时间', formatZoned(new Date(i.occurredAt), d.timeZone)],
    ['发生地点', place(i)],
    ['责任人', blank(i.responsibleName)],
    ['事件概要', i.summary],
    ['事件经过', blank(i.course)],
    ['原因分析', blank(i.causeAnalysis)],
    ['处理情况及结果', handling(d)],
    ['损失情况', losses(i)],
  ];
  if (i.workOrderNumber) rows.push(['维修工单', i.workOrderNumber]);
  for (const [label, value] of rows) l.row(label, value);

  l.heading('纠正和预防措施');
  if (d.measures.length) {
    const w = (n: number) => (WIDTH * n) / 100;
    l.table(
      [
        { title: '序号', width: w(7) },
        { title: '类别', width: w(12) },
        { title: '措施内容', width: w(41) },
        { title: '责任人', width: w(13) },
        { title: '完成期限', width: w(15) },
        { title: '状态', width: w(12) },
      ],
      d.measures.map((m, n) => [
        String(n + 1),
        ACTION_KIND_LABELS[m.kind],
        m.title,
        m.assigneeName,
        m.dueDate,
        ACTION_STATUS_LABELS[m.status],
      ]),
    );
  } else {
    l.row('措施', '—');
  }

  l.heading('附件');
  l.row('附件清单', d.files.length ? d.files.map((f, n) => `${n + 1}. ${f.filename}`).join('\n') : '无');

  // the signature block stays together on one page
  l.room(mm(26));
  l.y += mm(6);
  const submitted = i.submittedAt ? chineseDate(zonedDate(new Date(i.submittedAt), d.timeZone)) : '______年____月____日';
  const reviewed =
    i.status === 'reviewed' && i.reviewedAt ? chineseDate(zonedDate(new Date(i.reviewedAt), d.timeZone)) : '______年____月____日';
  const reviewer = i.status === 'reviewed' ? blank(i.reviewerName) : '______________';
  doc.font('cjk').fontSize(10.5);
  doc.text(`填报人：${i.authorName}    填报日期：${submitted}`, MARGIN, l.y, { width: WIDTH });
  doc.text(`审核人：${reviewer}    审核日期：${reviewed}`, MARGIN, l.y + mm(8), { width: WIDTH });
  l.y += mm(16);
  if (i.status === 'reviewed' && i.reviewNote) {
    doc.text(`审核意见：${i.reviewNote}`, MARGIN, l.y, { width: WIDTH });
    l.y = doc.y + mm(2);
  }

  const photos = d.files.filter((f) => f.data !== null);
  if (photos.length) {
    const cols = 2;
    const gap = mm(4);
    const cellW = (WIDTH - gap) / cols;
    const cellH = mm(60);
    l.heading('现场照片');
    photos.forEach((p, n) => {
      const col = n % cols;
      if (col === 0 && n > 0) l.y += cellH + gap;
      l.room(cellH);
      const x = MARGIN + col * (cellW + gap);
      try {
        doc.image(p.data as Buffer, x, l.y, { fit: [cellW, cellH], align: 'center', valign: 'center' });
      } catch {
        // a file that is not a drawable image (a damaged upload) is named instead
        doc.rect(x, l.y, cellW, cellH).lineWidth(0.5).stroke();
        doc
          .font('cjk')
          .fontSize(9)
          .text(`照片无法显示：${p.filename}`, x + PAD, l.y + cellH / 2 - 6, { width: cellW - 2 * PAD, align: 'center' });
      }
    });
  }
  doc.end();
  return doc;
}

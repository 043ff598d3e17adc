import type { HazardDto } from '../../../../contracts/hazards.js';
import type { Ctx } from '../../platform/context.js';
import type { FileStore } from '../../platform/files/store.js';
import { formatZoned } from '../../platform/numbering/time.js';
import { formatYuan } from '../../platform/print/money.js';
import { createPdf, mm, PAGE_MM, type Pdf } from '../../platform/print/pdf.js';
import { type PrintPhoto, printablePhotos } from '../../platform/print/photos.js';
import { dictionaryLabels } from '../system/index.js';
import { chineseDate, localDate } from './dates.js';
import { getHazard, readableHazard } from './hazards.service.js';
import { HAZARD_GRADE_LABELS, HAZARD_STATUS_LABELS } from './hazards.state.js';

/**
 * 隐患整改通知单 (DOMAIN.md §3) as a printable A4 form: addressed to a department or
 * a vendor counter, with what was found, the temporary measures, 五落实 (responsible
 * person, measures, funds, deadline, contingency plan), the acceptance standard and
 * verifier, the signature block, and the photos taken when the hazard was found.
 */

export interface NoticeData {
  hazard: HazardDto;
  timeZone: string;
  categoryLabel: string;
  subGradeLabel: string | null;
  /** the day the notice is issued: when 五落实 was set, else today */
  issuedOn: string;
  photos: PrintPhoto[];
  generatedAt: string;
}

/** the before photos a notice prints: a page's worth */
const MAX_PHOTOS = 4;

/** What the notice prints, read with the hazard's visibility (404 for another site's hazard). */
export async function noticeData(ctx: Ctx, files: FileStore, id: string): Promise<NoticeData> {
  const row = await readableHazard(ctx, id);
  const hazard = await getHazard(ctx, id);
  const [categories, subGrades] = await Promise.all([
    dictionaryLabels(ctx.db, ctx.actor.orgId, 'hazard_category'),
    dictionaryLabels(ctx.db, ctx.actor.orgId, 'hazard_subgrade'),
  ]);
  const photos = await printablePhotos(ctx.db, files, ctx.actor.orgId, hazard.photoIds.slice(0, MAX_PHOTOS));
  const now = ctx.clock.now();
  return {
    hazard,
    timeZone: row.site_timezone,
    categoryLabel: categories.get(hazard.category)?.zh ?? hazard.category,
    subGradeLabel: hazard.subGrade ? (subGrades.get(hazard.subGrade)?.zh ?? hazard.subGrade) : null,
    issuedOn: localDate(hazard.assignedAt ? new Date(hazard.assignedAt) : now, row.site_timezone),
    photos,
    generatedAt: now.toISOString(),
  };
}

const MARGIN = mm(18);
const PAGE = { width: mm(PAGE_MM.A4.width), height: mm(PAGE_MM.A4.height) };
const WIDTH = PAGE.width - 2 * MARGIN;
const LABEL_W = mm(32);
const PAD = mm(2);
const BODY = 10;
const BOTTOM = PAGE.height - MARGIN - mm(8);

const blank = (v: string | null | undefined) => (v?.trim() ? v.trim() : '—');

function footer(doc: Pdf, d: NoticeData, page: number): void {
  doc.font('cjk').fontSize(7.5).fillColor('#777777');
  const stamp = `${d.hazard.number} · 第 ${page} 页 · 生成时间 ${formatZoned(new Date(d.generatedAt), d.timeZone)} · Houqin 后勤`;
  doc.text(stamp, MARGIN, PAGE.height - MARGIN - mm(4), { width: WIDTH, align: 'right', lineBreak: false });
  doc.fillColor('black');
}

function rowHeight(doc: Pdf, value: string): number {
  doc.font('cjk').fontSize(BODY);
  return Math.max(doc.heightOfString(value || ' ', { width: WIDTH - LABEL_W - 2 * PAD }) + 2 * PAD, mm(9));
}

/** One bordered row: a shaded label cell and the value. */
function drawRow(doc: Pdf, y: number, label: string, value: string, height: number): void {
  doc.rect(MARGIN, y, LABEL_W, height).fill('#f0f0f0').fillColor('black');
  doc.rect(MARGIN, y, LABEL_W, height).lineWidth(0.6).stroke();
  doc
    .rect(MARGIN + LABEL_W, y, WIDTH - LABEL_W, height)
    .lineWidth(0.6)
    .stroke();
  doc
    .font('cjk-bold')
    .fontSize(BODY)
    .text(label, MARGIN + PAD, y + PAD, { width: LABEL_W - 2 * PAD });
  doc
    .font('cjk')
    .fontSize(BODY)
    .text(value, MARGIN + LABEL_W + PAD, y + PAD, { width: WIDTH - LABEL_W - 2 * PAD });
}

/** Renders the notice; the caller streams it (sendPdf). */
export function noticePdf(d: NoticeData): Pdf {
  const h = d.hazard;
  const doc = createPdf({ page: 'A4', title: `隐患整改通知单 ${h.number}` });
  let page = 1;
  doc.addPage();
  footer(doc, d, page);
  doc.font('cjk-bold').fontSize(18).text('隐患整改通知单', MARGIN, MARGIN, { width: WIDTH, align: 'center' });
  doc.font('cjk').fontSize(10);
  doc.text(`编号：${h.number}`, MARGIN, MARGIN + mm(11), { width: WIDTH, align: 'right' });
  const addressee = h.addresseeName ?? h.responsibleName ?? '';
  doc
    .font('cjk-bold')
    .fontSize(11)
    .text(`致：${addressee || '________________'}`, MARGIN, MARGIN + mm(17), { width: WIDTH });
  doc
    .font('cjk')
    .fontSize(10)
    .text(
      '经检查，发现下列安全隐患，请按“五落实”要求（责任、措施、资金、时限、预案）限期整改，整改完成后报验收。',
      MARGIN,
      MARGIN + mm(24),
      {
        width: WIDTH,
      },
    );
  let y = doc.y + mm(3);
  const grade = `${HAZARD_GRADE_LABELS[h.grade]}隐患${d.subGradeLabel ? `（${d.subGradeLabel}）` : ''}`;
  const rows: [string, string][] = [
    // the location's path name starts with the site ("长春店 / A座主楼 / 一层")
    ['场所及位置', `${h.locationPath ?? h.siteName}${h.assetName ? `（设备：${h.assetName}）` : ''}`],
    ['发现时间', formatZoned(new Date(h.foundAt), d.timeZone)],
    ['发现人', blank(h.foundByName)],
    ['隐患类别', d.categoryLabel],
    ['隐患等级', grade],
    ['隐患名称', h.title],
    ['隐患描述', h.description],
    ['临时措施', blank(h.temporaryMeasures)],
    ['整改责任人', blank(h.responsibleName)],
    ['整改措施', blank(h.measures)],
    ['整改资金', h.fundsFen === null ? '—' : formatYuan(h.fundsFen)],
    ['整改期限', h.deadline ? chineseDate(h.deadline) : '—'],
    ['应急预案', blank(h.contingencyPlan)],
    ['验收标准', blank(h.acceptanceStandard)],
    ['验收人', `${blank(h.verifierName)}${h.acceptanceDueDate ? `（须于 ${chineseDate(h.acceptanceDueDate)} 前完成现场验收）` : ''}`],
    ['当前状态', HAZARD_STATUS_LABELS[h.status]],
  ];
  for (const [label, value] of rows) {
    const height = rowHeight(doc, value);
    if (y + height > BOTTOM) {
      doc.addPage();
      footer(doc, d, ++page);
      y = MARGIN;
    }
    drawRow(doc, y, label, value, height);
    y += height;
  }
  // the signature block stays together on one page
  const block = mm(30);
  if (y + block > BOTTOM) {
    doc.addPage();
    footer(doc, d, ++page);
    y = MARGIN;
  }
  y += mm(8);
  doc.font('cjk').fontSize(10.5);
  doc.text(`签发人（签字）：______________    日期：${chineseDate(d.issuedOn)}`, MARGIN, y, { width: WIDTH });
  doc.text('接收人（签字）：______________    日期：______年____月____日', MARGIN, y + mm(10), { width: WIDTH });
  y += block;
  if (d.photos.length) {
    const cols = 2;
    const gap = mm(4);
    const cellW = (WIDTH - gap) / cols;
    const cellH = mm(60);
    if (y + mm(8) + cellH > BOTTOM) {
      doc.addPage();
      footer(doc, d, ++page);
      y = MARGIN;
    }
    doc.font('cjk-bold').fontSize(11).text('整改前照片', MARGIN, y, { width: WIDTH });
    y = doc.y + mm(2);
    d.photos.forEach((p, i) => {
      const col = i % cols;
      if (col === 0 && i > 0) y += cellH + gap;
      if (y + cellH > BOTTOM) {
        doc.addPage();
        footer(doc, d, ++page);
        y = MARGIN;
      }
      const x = MARGIN + col * (cellW + gap);
      try {
        doc.image(p.data, x, y, { fit: [cellW, cellH], align: 'center', valign: 'center' });
      } catch {
        // a file that is not a drawable image (a damaged upload) is named instead
        doc.rect(x, y, cellW, cellH).lineWidth(0.5).stroke();
        doc
          .font('cjk')
          .fontSize(9)
          .text(`照片无法显示：${p.filename}`, x + PAD, y + cellH / 2 - 6, { width: cellW - 2 * PAD, align: 'center' });
      }
    });
  }
  doc.end();
  return doc;
}

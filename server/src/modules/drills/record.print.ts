import type { ActionStatus } from '../../../../contracts/actions.js';
import type { DrillDto } from '../../../../contracts/drills.js';
import { ACTION_KIND_LABELS, ACTION_STATUS_LABELS, type ActionKind } from '../../platform/actions/index.js';
import type { Ctx } from '../../platform/context.js';
import type { FileStore } from '../../platform/files/store.js';
import { formatZoned } from '../../platform/numbering/time.js';
import { createPdf, mm, PAGE_MM, type Pdf } from '../../platform/print/pdf.js';
import { type PrintPhoto, printablePhotos } from '../../platform/print/photos.js';
import { dictionaryLabels } from '../system/index.js';
import { DRILL_STATUS_LABELS } from './common.js';
import { getDrill, readableDrill } from './drills.service.js';

/**
 * 演练记录 and 演练报告 (DOMAIN.md §4) as one printable A4 document: the scenario, place,
 * start and end, commander, participants by group and preparation; then the report —
 * purpose, course, evaluation, problems and causes, lessons, improvements with their
 * tracked action items — a signature block and the photos.
 */

export interface RecordAction {
  number: string;
  kind: ActionKind;
  title: string;
  assigneeName: string;
  dueDate: string;
  status: ActionStatus;
}

export interface DrillRecordData {
  drill: DrillDto;
  timeZone: string;
  typeLabel: string;
  actions: RecordAction[];
  photos: PrintPhoto[];
  generatedAt: string;
}

/** the photos a record prints: two pages' worth */
const MAX_PHOTOS = 6;

/** What the record prints, read with the drill's visibility (404 for another site's drill). */
export async function drillRecordData(ctx: Ctx, files: FileStore, id: string): Promise<DrillRecordData> {
  const row = await readableDrill(ctx, id);
  const drill = await getDrill(ctx, id);
  const types = await dictionaryLabels(ctx.db, ctx.actor.orgId, 'drill_type');
  const actions = await ctx.db
    .selectFrom('action_items as a')
    .innerJoin('users as u', 'u.id', 'a.assignee_id')
    .select(['a.number', 'a.kind', 'a.title', 'u.name as assignee_name', 'a.due_date', 'a.status'])
    .where('a.org_id', '=', ctx.actor.orgId)
    .where('a.owner_type', '=', 'drill')
    .where('a.owner_id', '=', id)
    .where('a.status', '<>', 'cancelled')
    .orderBy('a.due_date')
    .orderBy('a.id')
    .execute();
  const photos = await printablePhotos(ctx.db, files, ctx.actor.orgId, drill.photoIds.slice(0, MAX_PHOTOS));
  return {
    drill,
    timeZone: row.site_timezone,
    typeLabel: types.get(drill.type)?.zh ?? drill.type,
    actions: actions.map((a) => ({
      number: a.number,
      kind: a.kind,
      title: a.title,
      assigneeName: a.assignee_name,
      dueDate: a.due_date,
      status: a.status,
    })),
    photos,
    generatedAt: ctx.clock.now().toISOString(),
  };
}

const MARGIN = mm(18);
const PAGE = { width: mm(PAGE_MM.A4.width), height: mm(PAGE_MM.A4.height) };
const WIDTH = PAGE.width - 2 * MARGIN;
const LABEL_W = mm(30);
const PAD = mm(2);
const BODY = 10;
const BOTTOM = PAGE.height - MARGIN - mm(8);

const blank = (v: string | null | undefined) => (v?.trim() ? v.trim() : '—');

/**
 * pdfkit wraps a long run without break opportunities (a pasted code or URL, no spaces, no
 * Chinese) in quadratic time — seconds for a few thousand letters: such runs get a space
 * every 40 characters. Chinese text breaks between any two characters and is left alone.
 */
const wrappable = (v: string) => v.replace(/([!-~]{40})(?=[!-~])/g, '$1 ');

function durationText(start: string | null, end: string | null): string {
  if (!start || !end) return '';
  const minutes = Math.round((Date.parse(end) - Date.parse(start)) / 60_000);
  const h = Math.floor(minutes / 60);
  return `（历时 ${h ? `${h} 小时 ` : ''}${minutes % 60} 分钟）`;
}

/** Renders the record; the caller streams it (sendPdf). */
export function drillRecordPdf(d: DrillRecordData): Pdf {
  const r = d.drill;
  const doc = createPdf({ page: 'A4', title: `演练记录 ${r.number}` });
  const local = (iso: string | null) => (iso ? formatZoned(new Date(iso), d.timeZone) : '—');
  let page = 0;
  let y = MARGIN;

  const footer = () => {
    doc.font('cjk').fontSize(7.5).fillColor('#777777');
    const stamp = `${r.number} · 第 ${page} 页 · 生成时间 ${local(d.generatedAt)} · Houqin 后勤`;
    doc.text(stamp, MARGIN, PAGE.height - MARGIN - mm(4), { width: WIDTH, align: 'right', lineBreak: false });
    doc.fillColor('black');
  };
  const newPage = () => {
    doc.addPage();
    page++;
    footer();
    y = MARGIN;
  };
  /** makes room for `height` on this page, or starts the next */
  const room = (height: number) => {
    if (y + height > BOTTOM) newPage();
  };
  const rowHeight = (value: string) => {
    doc.font('cjk').fontSize(BODY);
    return Math.max(doc.heightOfString(value || ' ', { width: WIDTH - LABEL_W - 2 * PAD }) + 2 * PAD, mm(9));
  };
  const cell = (label: string, value: string, height: number) => {
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
    y += height;
  };
  /** One bordered row; a value longer than the page's room continues on the next page (续). */
  const row = (label: string, value: string) => {
    let rest = wrappable(value);
    let name = label;
    for (;;) {
      const height = rowHeight(rest);
      if (y + height <= BOTTOM) return cell(name, rest, height);
      if (BOTTOM - y < mm(30)) {
        newPage();
        if (height <= BOTTOM - y) return cell(name, rest, height);
      }
      // the longest head of the text that fits in the room left here
      const chars = Array.from(rest);
      let lo = 1;
      let hi = chars.length - 1;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (rowHeight(chars.slice(0, mid).join('')) <= BOTTOM - y) lo = mid;
        else hi = mid - 1;
      }
      const head = chars.slice(0, lo).join('');
      cell(name, head, BOTTOM - y);
      rest = chars.slice(lo).join('');
      name = `${label}（续）`;
      newPage();
    }
  };
  const heading = (title: string) => {
    room(mm(20));
    y += mm(5);
    doc.font('cjk-bold').fontSize(13).text(title, MARGIN, y, { width: WIDTH });
    y = doc.y + mm(2);
  };

  newPage();
  doc.font('cjk-bold').fontSize(18).text('应急演练记录', MARGIN, y, { width: WIDTH, align: 'center' });
  doc
    .font('cjk')
    .fontSize(10)
    .text(`编号：${r.number}    状态：${DRILL_STATUS_LABELS[r.status]}`, MARGIN, y + mm(11), { width: WIDTH, align: 'right' });
  y += mm(18);

  const place = [r.locationPath ?? r.siteName, r.place].filter(Boolean).join('，');
  const groups = r.participants.map((g) => `${g.group} ${g.count} 人${g.names ? `（${g.names}）` : ''}`);
  row('演练名称', r.title);
  row('演练类型', d.typeLabel);
  row('场所及地点', place);
  row('计划时间', local(r.plannedAt));
  row('开始时间', local(r.startedAt));
  row('结束时间', `${local(r.endedAt)}${durationText(r.startedAt, r.endedAt)}`);
  row('总指挥', blank(r.commanderName));
  row('演练情景', r.scenario);
  row('参演人员', groups.length ? `${groups.join('；\n')}\n合计 ${r.participantCount} 人` : '—');
  row('演练准备', blank(r.preparation));
  if (r.status === 'cancelled') row('取消原因', blank(r.cancelReason));

  heading('演练报告');
  if (!r.report) {
    row('演练报告', '尚未填写');
  } else {
    row('演练目的', r.report.purpose);
    row('演练经过', r.report.course);
    row('演练评估', blank(r.report.evaluation));
    row('存在问题', blank(r.report.problems));
    row('原因分析', blank(r.report.causes));
    row('经验教训', blank(r.report.lessons));
    row('改进措施', blank(r.report.improvements));
    if (d.actions.length) {
      const lines = d.actions.map(
        (a) =>
          `${a.number} ${ACTION_KIND_LABELS[a.kind]}：${a.title}（责任人 ${a.assigneeName}，期限 ${a.dueDate}，${ACTION_STATUS_LABELS[a.status]}）`,
      );
      row('整改措施跟踪', lines.join('\n'));
    }
    row('报告填写', `${blank(r.reportFiledByName)}  ${local(r.reportFiledAt)}`);
  }

  // the signature block stays together on one page
  room(mm(26));
  y += mm(8);
  doc.font('cjk').fontSize(10.5);
  doc.text('总指挥（签字）：______________    日期：______年____月____日', MARGIN, y, { width: WIDTH });
  doc.text('记录人（签字）：______________    日期：______年____月____日', MARGIN, y + mm(10), { width: WIDTH });
  y += mm(18);

  if (d.photos.length) {
    const cols = 2;
    const gap = mm(4);
    const cellW = (WIDTH - gap) / cols;
    const cellH = mm(60);
    heading('演练照片');
    room(cellH);
    d.photos.forEach((p, i) => {
      const col = i % cols;
      if (col === 0 && i > 0) {
        y += cellH + gap;
        room(cellH);
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

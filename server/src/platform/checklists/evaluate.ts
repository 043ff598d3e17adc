import type { ChecklistAnswer, ChecklistFinding, ChecklistItem, FindingReason } from '../../../../contracts/checklists.js';
import { CHECKLIST_ITEM_KINDS } from '../../../../contracts/checklists.js';

/**
 * Checks a filled checklist against the template version it was filled on: every
 * problem with the answers (a missing required item, a value of the wrong kind, a photo
 * the item needs) as field + Chinese message, and every finding — a failed item, a number
 * outside its band, a choice marked as failing — for the owner to follow up (a work
 * order, a hazard). Pure: the caller loads the version and stores the result.
 */

export interface FieldProblem {
  field: string;
  message: string;
}

export interface Evaluation {
  problems: FieldProblem[];
  findings: ChecklistFinding[];
  /** items answered (N.A. counts as answered) */
  answered: number;
  /** items that passed: pass, in-band numbers, non-failing choices, filled text, photos and signatures */
  passed: number;
}

const fmt = (n: number) => String(Math.round(n * 1000) / 1000);

/** The allowed band of a number item as people write it: "24 ± 1 °C", "0.1–0.3 MPa", "≥ 0.1 MPa". */
export function expectedText(item: ChecklistItem): string | null {
  const unit = item.unit ? ` ${item.unit}` : '';
  if (item.target != null) return `${fmt(item.target)} ± ${fmt(item.tolerance ?? 0)}${unit}`;
  if (item.min != null && item.max != null) return `${fmt(item.min)}–${fmt(item.max)}${unit}`;
  if (item.min != null) return `≥ ${fmt(item.min)}${unit}`;
  if (item.max != null) return `≤ ${fmt(item.max)}${unit}`;
  return null;
}

function numberReason(item: ChecklistItem, v: number): FindingReason | null {
  if (item.target != null) return Math.abs(v - item.target) > (item.tolerance ?? 0) + 1e-9 ? 'out_of_tolerance' : null;
  if (item.min != null && v < item.min) return 'below_min';
  if (item.max != null && v > item.max) return 'above_max';
  return null;
}

const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

export function evaluateChecklist(items: ChecklistItem[], answers: ChecklistAnswer[], prefix = 'answers'): Evaluation {
  const problems: FieldProblem[] = [];
  const findings: ChecklistFinding[] = [];
  const byKey = new Map<string, ChecklistAnswer>();
  const known = new Set(items.map((i) => i.key));
  answers.forEach((a, index) => {
    if (!known.has(a.key)) problems.push({ field: `${prefix}[${index}].key`, message: `检查项 ${a.key} 不在此模板版本中` });
    else if (byKey.has(a.key)) problems.push({ field: `${prefix}[${index}].key`, message: `检查项 ${a.key} 重复填写` });
    else byKey.set(a.key, a);
  });
  let answered = 0;
  let passed = 0;
  for (const item of items) {
    const field = `${prefix}.${item.key}`;
    const a = byKey.get(item.key);
    const value = a?.value ?? null;
    const photos = a?.photoIds?.length ?? 0;
    const bad = (message: string) => problems.push({ field, message: `${item.label}：${message}` });
    const finding = (reason: FindingReason) =>
      findings.push({ key: item.key, label: item.label, reason, value, expected: expectedText(item), note: a?.note ?? null });
    if (item.kind === 'photo' ? photos === 0 : isBlank(value)) {
      if (item.required) bad(item.kind === 'photo' ? '请拍照上传' : item.kind === 'signature' ? '请签名' : '此项必填');
      continue;
    }
    answered++;
    switch (item.kind) {
      case 'pass_fail':
        if (value !== 'pass' && value !== 'fail' && value !== 'na') bad('请选择合格、不合格或不适用');
        else if (value === 'fail') {
          if (item.photoOnFail && photos === 0) bad('不合格时须拍照留证');
          finding('failed');
        } else if (value === 'pass') passed++;
        break;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) bad('请填写数字');
        else {
          const reason = numberReason(item, value);
          if (reason) finding(reason);
          else passed++;
        }
        break;
      case 'choice':
        if (typeof value !== 'string' || !(item.options ?? []).includes(value)) bad(`请从 ${(item.options ?? []).join('、')} 中选择`);
        else if ((item.failOptions ?? []).includes(value)) finding('fail_option');
        else passed++;
        break;
      case 'text':
      case 'signature':
        if (typeof value !== 'string') bad('请填写文字');
        else if (value.length > 2000) bad('不能超过 2000 字');
        else passed++;
        break;
      case 'photo':
        passed++;
        break;
    }
  }
  return { problems, findings, answered, passed };
}

/** Problems with a template's items themselves (the template editor's validation). */
export function checklistItemProblems(items: ChecklistItem[], prefix = 'items'): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (items.length === 0) out.push({ field: prefix, message: '请至少添加一个检查项' });
  const keys = new Set<string>();
  items.forEach((item, i) => {
    const field = (name: string) => `${prefix}[${i}].${name}`;
    if (!/^[a-z0-9_]{1,40}$/.test(item.key)) out.push({ field: field('key'), message: '编码只能用小写字母、数字和下划线（1–40 位）' });
    else if (keys.has(item.key)) out.push({ field: field('key'), message: `编码 ${item.key} 重复` });
    keys.add(item.key);
    if (!item.label?.trim()) out.push({ field: field('label'), message: '请填写检查项名称' });
    if (!CHECKLIST_ITEM_KINDS.includes(item.kind)) out.push({ field: field('kind'), message: '检查项类型不正确' });
    if (item.kind === 'number') {
      if (item.target != null && (item.min != null || item.max != null)) {
        out.push({ field: field('target'), message: '“目标值±允差”和“上下限”只能选一种' });
      }
      if (item.target != null && !(item.tolerance != null && item.tolerance >= 0)) {
        out.push({ field: field('tolerance'), message: '有目标值时请填写不小于 0 的允差' });
      }
      if (item.min != null && item.max != null && item.min > item.max) out.push({ field: field('max'), message: '上限不能小于下限' });
    }
    if (item.kind === 'choice') {
      const options = item.options ?? [];
      if (options.length < 2) out.push({ field: field('options'), message: '选择题至少要有两个选项' });
      if ((item.failOptions ?? []).some((o) => !options.includes(o))) {
        out.push({ field: field('failOptions'), message: '不合格选项必须是选项之一' });
      }
    }
  });
  return out;
}

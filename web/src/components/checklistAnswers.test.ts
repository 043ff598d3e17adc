import { describe, expect, it } from 'vitest';
import type { ChecklistAnswer, ChecklistItem } from '../../../contracts/checklists';
import { evaluateChecklist } from '../../../server/src/platform/checklists/evaluate';
import { answerList, answerMap, checklistHints, expectedText, fieldItemKey, parseNumber } from './checklistAnswers';

const ITEMS: ChecklistItem[] = [
  { key: 'belt', label: '皮带张紧', kind: 'pass_fail', required: true, photoOnFail: true },
  { key: 'temp', label: '出风温度', kind: 'number', required: true, unit: '°C', target: 12, tolerance: 2 },
  { key: 'pressure', label: '水压', kind: 'number', required: false, unit: 'MPa', min: 0.1, max: 0.3 },
  { key: 'noise', label: '噪声', kind: 'choice', required: true, options: ['正常', '轻微', '异常'], failOptions: ['异常'] },
  { key: 'remark', label: '备注', kind: 'text', required: false },
  { key: 'photo', label: '机组照片', kind: 'photo', required: true },
  { key: 'sign', label: '签名', kind: 'signature', required: true },
];

const answer = (key: string, value: ChecklistAnswer['value'], photoIds: string[] = [], note: string | null = null): ChecklistAnswer => ({
  key,
  value,
  photoIds,
  note,
});

describe('checklist answers on the phone', () => {
  it('names every item that still blocks submitting, exactly those the server refuses', () => {
    const cases: ChecklistAnswer[][] = [
      [],
      [answer('belt', 'fail')],
      [answer('belt', 'fail', ['a1']), answer('temp', 12), answer('noise', '正常'), answer('photo', null, ['p1']), answer('sign', '  ')],
      [answer('belt', 'pass'), answer('temp', 15), answer('noise', '异常'), answer('photo', null, ['p1']), answer('sign', '王师傅')],
    ];
    for (const answers of cases) {
      const hints = checklistHints(ITEMS, answerMap(answers));
      const blocking = Object.entries(hints.byKey)
        .filter(([, h]) => h.missing)
        .map(([k]) => `answers.${k}`);
      const server = evaluateChecklist(ITEMS, answerList(ITEMS, answerMap(answers))).problems.map((p) => p.field);
      expect(blocking.sort()).toEqual([...new Set(server)].sort());
      expect(hints.missing).toBe(blocking.length);
    }
  });

  it('says why an item blocks: required, photo, signature, or a failed item without its photo', () => {
    const hints = checklistHints(ITEMS, answerMap([answer('belt', 'fail')]));
    expect(hints.byKey.belt?.missing).toBe('photoOnFail');
    expect(hints.byKey.temp?.missing).toBe('required');
    expect(hints.byKey.pressure?.missing).toBeNull();
    expect(hints.byKey.photo?.missing).toBe('photo');
    expect(hints.byKey.sign?.missing).toBe('signature');
    expect(hints.byKey.belt?.answered).toBe(true);
    expect(hints.answered).toBe(1);
    expect(hints.total).toBe(ITEMS.length);
  });

  it('warns about out-of-band numbers and failing answers before submit, as the findings the server will make', () => {
    const hints = checklistHints(
      ITEMS,
      answerMap([answer('belt', 'fail', ['a1'], ' 皮带开裂 '), answer('temp', 14.5), answer('pressure', 0.05), answer('noise', '异常')]),
    );
    expect(hints.byKey.temp?.finding).toBe('out_of_tolerance');
    expect(hints.byKey.pressure?.finding).toBe('below_min');
    expect(hints.byKey.noise?.finding).toBe('fail_option');
    expect(hints.byKey.belt?.finding).toBe('failed');
    expect(hints.findings.map((f) => f.key)).toEqual(['belt', 'temp', 'pressure', 'noise']);
    expect(hints.findings[0]?.note).toBe('皮带开裂');
    expect(hints.findings[1]?.expected).toBe('12 ± 2 °C');
    // within the band is no finding; N.A. is answered but neither passed nor failed
    const fine = checklistHints(ITEMS, answerMap([answer('temp', 13.9), answer('pressure', 0.3), answer('belt', 'na')]));
    expect(fine.findings).toEqual([]);
    expect(fine.byKey.belt?.answered).toBe(true);
    expect(fine.byKey.belt?.missing).toBeNull();
  });

  it('sends only what was filled, in item order, trimmed', () => {
    const map = answerMap([answer('sign', ' 王师傅 '), answer('remark', '   '), answer('belt', 'pass', [], '  ')]);
    map.temp = answer('temp', null, [], '读数表坏了');
    expect(answerList(ITEMS, map)).toEqual([answer('belt', 'pass'), answer('temp', null, [], '读数表坏了'), answer('sign', '王师傅')]);
  });

  it('reads typed numbers and shows the allowed band as people write it', () => {
    expect(parseNumber(' 0.25 ')).toBe(0.25);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('abc')).toBeNull();
    expect(parseNumber(Number.NaN)).toBeNull();
    expect(parseNumber(-3)).toBe(-3);
    expect(expectedText(ITEMS[2] as ChecklistItem)).toBe('0.1–0.3 MPa');
    expect(expectedText({ key: 'x', label: 'x', kind: 'number', required: false, min: 5 })).toBe('≥ 5');
  });

  it('maps the server field of a refused answer back to its item', () => {
    const sent = [answer('belt', 'pass'), answer('temp', 3)];
    expect(fieldItemKey('answers.temp', sent)).toBe('temp');
    expect(fieldItemKey('answers[1].key', sent)).toBe('temp');
    expect(fieldItemKey('answers.1.key', sent)).toBe('temp');
    expect(fieldItemKey('answers[7].key', sent)).toBeNull();
    expect(fieldItemKey('version', sent)).toBeNull();
  });
});

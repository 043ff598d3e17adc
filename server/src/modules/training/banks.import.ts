import type { QuestionInput } from '../../../../contracts/training.js';
import { newId } from '../../platform/db/ids.js';
import type { ImportColumn, ImportSpec } from '../../platform/http/import.js';
import { appendQuestions, type BankRow, parseQuestions } from './banks.service.js';
import {
  JUDGE_OPTIONS,
  KIND_LABELS,
  MAX_QUESTIONS,
  normaliseQuestion,
  parseAnswerLetters,
  parseKind,
  type QuestionField,
  questionProblems,
  type StoredQuestion,
} from './questions.js';

/**
 * Excel import of questions into a bank (platform/http/import.ts): one row per question —
 * 题型 (单选/多选/判断), 题目, 选项A…选项F, 答案 as letters ("AC"; a 判断题 also 对/错),
 * 解析. The rows are added after the bank's questions; a bad row is reported by row and
 * column and, by default, nothing is imported.
 */
const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const COL = { kind: '题型', text: '题目', answer: '答案', explanation: '解析' } as const;
const optionCol = (letter: string) => `选项${letter}`;

const COLUMN_OF: Record<QuestionField, string> = {
  kind: COL.kind,
  text: COL.text,
  options: optionCol('A'),
  answer: COL.answer,
  explanation: COL.explanation,
};

const letters = (answer: number[]) => answer.map((i) => String.fromCharCode(65 + i)).join('');

const COLUMNS: ImportColumn[] = [
  { header: COL.kind, required: true, example: '单选', note: '单选、多选或判断' },
  { header: COL.text, required: true, example: '发现火情后，首先应当怎么做？' },
  ...LETTERS.map((l, i) => ({
    header: optionCol(l),
    example: ['立即报警并通知消防控制室', '先收拾个人物品', '乘电梯离开', '继续工作', '', ''][i] ?? '',
    note: l === 'A' ? '判断题可不填（选项为 对、错）' : undefined,
  })),
  { header: COL.answer, required: true, example: 'A', note: '选项字母，多选如 AC；判断题填 对 或 错' },
  { header: COL.explanation, example: '发现火情应立即报警，并通知消防控制室。' },
];

/** The template download reads only the sheet name and the columns, which do not depend on the bank. */
export const QUESTION_TEMPLATE = { sheet: '题目', columns: COLUMNS } as ImportSpec<StoredQuestion>;

export function questionImportSpec(bank: BankRow): ImportSpec<StoredQuestion> {
  return {
    sheet: '题目',
    columns: COLUMNS,
    parseRow(values, fail) {
      const kind = parseKind(values[COL.kind] ?? '');
      if (!kind) {
        if (values[COL.kind]) fail(COL.kind, `题型“${values[COL.kind]}”无法识别，应为单选、多选或判断`);
        return null;
      }
      const cells = LETTERS.map((l) => (values[optionCol(l)] ?? '').trim());
      const last = cells.reduce((n, c, i) => (c ? i + 1 : n), 0);
      const gap = cells.slice(0, last).findIndex((c) => !c);
      if (gap >= 0) fail(optionCol(LETTERS[gap] as string), '选项之间不能有空缺');
      const options = kind === 'judge' && last === 0 ? [...JUDGE_OPTIONS] : cells.slice(0, last);
      const answerText = values[COL.answer] ?? '';
      const answer = parseAnswerLetters(answerText, kind);
      if (answerText && !answer)
        fail(COL.answer, `答案“${answerText}”无法识别，应为选项字母（如 A 或 AC）${kind === 'judge' ? '或 对、错' : ''}`);
      if (!answer || gap >= 0) return null;
      const input: QuestionInput = { kind, text: values[COL.text] ?? '', options, answer, explanation: values[COL.explanation] ?? null };
      const problems = questionProblems(input);
      for (const p of problems) fail(COLUMN_OF[p.field], `${KIND_LABELS[kind]}：${p.message}`);
      return problems.length ? null : normaliseQuestion(input, newId());
    },
    async checkBatch(_ctx, rows, fail) {
      const existing = parseQuestions(bank.questions);
      const texts = new Map(existing.map((q) => [q.text, 0]));
      let count = existing.length;
      for (const { row, item } of rows) {
        const first = texts.get(item.text);
        if (first !== undefined) fail(row, COL.text, first === 0 ? '题库中已有相同的题目' : `与第 ${first} 行的题目相同`);
        else texts.set(item.text, row);
        count++;
        if (count === MAX_QUESTIONS + 1) fail(row, COL.text, `一个题库最多 ${MAX_QUESTIONS} 道题，从这一行起超出`);
      }
    },
    async commit(ctx, tx, items) {
      await appendQuestions(ctx, tx, bank, items);
    },
    preview: (q) => ({
      kind: KIND_LABELS[q.kind],
      text: q.text,
      options: q.options,
      answer: letters(q.answer),
      explanation: q.explanation,
    }),
  };
}

import { ArrowDownOutlined, ArrowUpOutlined, CopyOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Flex, Input, Popconfirm, Radio, Segmented, Space, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { choose, optionLetter, type QuestionProblem, withKind, withoutOption } from './logic';
import { useTrainingOptions } from './options';
import type { QuestionInput, QuestionKind } from './types';

/** more options than this do not make a fair quiz question on a phone screen */
export const MAX_OPTIONS = 8;

export interface QuestionEditorProps {
  index: number;
  total: number;
  value: QuestionInput;
  onChange: (q: QuestionInput) => void;
  onRemove: () => void;
  onCopy: () => void;
  onMove: (delta: -1 | 1) => void;
  /** shown once the person tried to save (and then kept up to date as they fix them) */
  problems: QuestionProblem[] | null;
  /** what the server refused about this question */
  serverErrors?: string[];
}

/**
 * One question of a bank: its kind (单选/多选/判断), text, options with the correct ones
 * ticked beside them, and the explanation shown after the quiz. A judge question's options
 * are fixed (对/错); removing an option keeps the ticks on the options they belong to.
 */
export function QuestionEditor({
  index,
  total,
  value: q,
  onChange,
  onRemove,
  onCopy,
  onMove,
  problems,
  serverErrors,
}: QuestionEditorProps) {
  const { t } = useTranslation('training');
  const options = useTrainingOptions();
  const judge = q.kind === 'judge';
  const bad = Boolean(problems?.length || serverErrors?.length);

  const setOption = (i: number, text: string) => onChange({ ...q, options: q.options.map((o, j) => (j === i ? text : o)) });
  const mark = (i: number, checked: boolean) => onChange({ ...q, answer: choose(q.kind, q.answer, i, checked) });

  return (
    <Card
      size="small"
      id={`question-${index}`}
      style={{ borderColor: bad ? '#ff7875' : undefined }}
      title={
        <Space size={8} wrap>
          <Typography.Text strong>{t('bank.questionNo', { n: index + 1 })}</Typography.Text>
          <Segmented<QuestionKind>
            size="small"
            value={q.kind}
            options={options.kinds}
            onChange={(kind) => onChange(withKind(q, kind))}
            data-testid={`question-kind-${index}`}
          />
        </Space>
      }
      extra={
        <Space size={0}>
          <Tooltip title={t('bank.moveUp')}>
            <Button
              type="text"
              size="small"
              icon={<ArrowUpOutlined />}
              disabled={index === 0}
              onClick={() => onMove(-1)}
              aria-label={t('bank.moveUp')}
            />
          </Tooltip>
          <Tooltip title={t('bank.moveDown')}>
            <Button
              type="text"
              size="small"
              icon={<ArrowDownOutlined />}
              disabled={index === total - 1}
              onClick={() => onMove(1)}
              aria-label={t('bank.moveDown')}
            />
          </Tooltip>
          <Tooltip title={t('bank.copy')}>
            <Button type="text" size="small" icon={<CopyOutlined />} onClick={onCopy} aria-label={t('bank.copy')} />
          </Tooltip>
          <Popconfirm
            title={t('bank.confirmRemove', { n: index + 1 })}
            okText={t('common:actions.delete')}
            okButtonProps={{ danger: true }}
            cancelText={t('common:actions.cancel')}
            onConfirm={onRemove}
          >
            <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common:actions.delete')} />
          </Popconfirm>
        </Space>
      }
      data-testid={`question-${index}`}
    >
      <Flex vertical gap={10}>
        <Input.TextArea
          value={q.text}
          onChange={(e) => onChange({ ...q, text: e.target.value })}
          placeholder={t('bank.textPlaceholder')}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={1000}
          data-testid={`question-text-${index}`}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(q.kind === 'multiple' ? 'bank.markMany' : 'bank.markOne')}
        </Typography.Text>
        {q.options.map((o, i) => {
          const correct = q.answer.includes(i);
          const marker =
            q.kind === 'multiple' ? (
              <Checkbox checked={correct} onChange={(e) => mark(i, e.target.checked)} aria-label={t('bank.correct')} />
            ) : (
              <Radio checked={correct} onChange={(e) => mark(i, e.target.checked)} aria-label={t('bank.correct')} />
            );
          return (
            // options have no identity of their own: their position is what the answer refers to
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <Flex key={i} gap={8} align="center" data-testid={`question-${index}-option-${i}`}>
              {marker}
              {judge ? (
                <Typography.Text style={{ flex: 1 }}>{o}</Typography.Text>
              ) : (
                <Input
                  value={o}
                  prefix={<Typography.Text type="secondary">{optionLetter(i)}.</Typography.Text>}
                  onChange={(e) => setOption(i, e.target.value)}
                  placeholder={t('bank.optionPlaceholder')}
                  maxLength={200}
                  style={{ flex: 1, borderColor: correct ? '#52c41a' : undefined }}
                />
              )}
              {judge ? null : (
                <Button
                  type="text"
                  size="small"
                  icon={<DeleteOutlined />}
                  disabled={q.options.length <= 2}
                  onClick={() => onChange(withoutOption(q, i))}
                  aria-label={t('bank.removeOption')}
                />
              )}
            </Flex>
          );
        })}
        {judge ? null : (
          <Button
            type="dashed"
            size="small"
            icon={<PlusOutlined />}
            disabled={q.options.length >= MAX_OPTIONS}
            onClick={() => onChange({ ...q, options: [...q.options, ''] })}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('bank.addOption')}
          </Button>
        )}
        <Input.TextArea
          value={q.explanation ?? ''}
          onChange={(e) => onChange({ ...q, explanation: e.target.value })}
          placeholder={t('bank.explanationPlaceholder')}
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={2000}
        />
        {problems?.length || serverErrors?.length ? (
          <Alert
            type="error"
            showIcon
            title={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {(problems ?? []).map((p) => (
                  <li key={`${p.key}-${'letter' in p ? p.letter : ''}`}>
                    {t(`bank.problem.${p.key}`, 'letter' in p ? { letter: p.letter } : {})}
                  </li>
                ))}
                {(serverErrors ?? []).map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            }
            data-testid={`question-problems-${index}`}
          />
        ) : null}
      </Flex>
    </Card>
  );
}

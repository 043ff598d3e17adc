import { DeleteOutlined, FunctionOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Popconfirm, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unknownTokens } from '../../../../contracts/figures';
import type { ReportFactsDto, SummaryBody, SummaryLang } from '../../../../contracts/reports';
import type { FigureFocus } from './FigureDrawer';
import { FigurePicker } from './FigurePicker';
import { FigureText } from './FigureText';
import { addItem, ITEM_EDITABLE_SECTIONS, insertAt, pathKey, removeItem, setText, type TextPath } from './logic';
import { paragraphStyle, ReadBlock } from './SummaryDocument';

interface Selection {
  start: number;
  end: number;
}

/** One paragraph or list item: the raw text with its tokens, 插入数据, and the text as it will read. */
function EditableText({
  path,
  text,
  data,
  lang,
  onChange,
  onInsert,
  onRemove,
  onFigure,
  textareaRef,
  onLeave,
}: {
  path: TextPath;
  text: string;
  data: ReportFactsDto;
  lang: SummaryLang;
  onChange: (text: string) => void;
  onInsert: () => void;
  onRemove?: () => void;
  onFigure: (focus: FigureFocus) => void;
  textareaRef: (el: TextAreaRef | null) => void;
  onLeave: (selection: Selection) => void;
}) {
  const { t } = useTranslation('summaries');
  const unknown = unknownTokens(text, data);
  const empty = !text.trim();
  return (
    <div
      style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 8, marginBottom: 12 }}
      data-testid="edit-text"
      data-path={pathKey(path)}
    >
      <Input.TextArea
        ref={textareaRef}
        value={text}
        autoSize={{ minRows: 2, maxRows: 14 }}
        status={unknown.length || empty ? 'error' : undefined}
        onChange={(e) => onChange(e.target.value)}
        onBlur={(e) => onLeave({ start: e.target.selectionStart, end: e.target.selectionEnd })}
        aria-label={t('edit.textLabel')}
      />
      <Flex wrap gap={8} style={{ marginTop: 6 }}>
        <Button size="small" icon={<FunctionOutlined />} onClick={onInsert} data-testid="edit-insert">
          {t('edit.insert')}
        </Button>
        {onRemove ? (
          <Popconfirm
            title={t('edit.removeItemConfirm')}
            okText={t('edit.removeItem')}
            cancelText={t('common:actions.cancel')}
            onConfirm={onRemove}
          >
            <Button size="small" danger icon={<DeleteOutlined />} data-testid="edit-remove-item">
              {t('edit.removeItem')}
            </Button>
          </Popconfirm>
        ) : null}
      </Flex>
      <div style={{ background: '#fafafa', borderRadius: 6, padding: '4px 8px', marginTop: 6 }} data-testid="edit-preview">
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('edit.preview')}
        </Typography.Text>
        <div style={{ ...paragraphStyle(lang), marginBottom: 0 }}>
          <FigureText text={text} data={data} lang={lang} onFigure={onFigure} />
        </div>
      </div>
      {unknown.length ? (
        <Typography.Text type="danger" style={{ display: 'block', marginTop: 4 }} data-testid="edit-unknown">
          {t('edit.unknown', { tokens: unknown.join('、') })}
        </Typography.Text>
      ) : null}
      {empty ? (
        <Typography.Text type="danger" style={{ display: 'block', marginTop: 4 }}>
          {t(path.item === undefined ? 'edit.emptyParagraph' : 'edit.emptyItem')}
        </Typography.Text>
      ) : null}
    </div>
  );
}

/**
 * The summary in one language as the author edits it: the title, every paragraph and list
 * item as its raw text (figures as tokens) with a live preview, items added to and removed
 * from the lists of 存在的问题 and 下阶段工作计划; tables and charts follow the data and
 * are shown as they are.
 */
export function SummaryEditor({
  body,
  data,
  lang,
  onChange,
  onFigure,
}: {
  body: SummaryBody;
  data: ReportFactsDto;
  lang: SummaryLang;
  onChange: (body: SummaryBody) => void;
  onFigure: (focus: FigureFocus) => void;
}) {
  const { t } = useTranslation('summaries');
  const areas = useRef(new Map<string, TextAreaRef>());
  const selections = useRef(new Map<string, Selection>());
  const [picking, setPicking] = useState<TextPath | null>(null);
  // the caret to put back once the picker has closed (the dialog gives focus back to its opener first)
  const pendingCaret = useRef<{ key: string; caret: number } | null>(null);

  const insert = (token: string) => {
    if (!picking) return;
    const key = pathKey(picking);
    const block = body.sections[picking.section]?.blocks[picking.block];
    const text = block?.type === 'paragraph' ? block.text : block?.type === 'list' ? (block.items[picking.item ?? 0] ?? '') : '';
    // never focused: the figure goes at the end
    const sel = selections.current.get(key) ?? { start: text.length, end: text.length };
    const next = insertAt(text, sel.start, sel.end, token);
    selections.current.set(key, { start: next.caret, end: next.caret });
    pendingCaret.current = { key, caret: next.caret };
    onChange(setText(body, picking, next.text));
    setPicking(null);
  };

  const restoreCaret = () => {
    const pending = pendingCaret.current;
    pendingCaret.current = null;
    const el = pending ? areas.current.get(pending.key)?.resizableTextArea?.textArea : undefined;
    if (!pending || !el) return;
    el.focus();
    el.setSelectionRange(pending.caret, pending.caret);
  };

  const field = (path: TextPath, text: string, onRemove?: () => void) => {
    const key = pathKey(path);
    return (
      <EditableText
        key={key}
        path={path}
        text={text}
        data={data}
        lang={lang}
        onChange={(v) => onChange(setText(body, path, v))}
        onInsert={() => setPicking(path)}
        onRemove={onRemove}
        onFigure={onFigure}
        textareaRef={(el) => {
          if (el) areas.current.set(key, el);
          else areas.current.delete(key);
        }}
        onLeave={(sel) => selections.current.set(key, sel)}
      />
    );
  };

  return (
    <div style={{ maxWidth: 860, margin: '0 auto' }} data-testid="summary-editor">
      <Form layout="vertical" component="div">
        <Form.Item
          label={t('edit.title')}
          validateStatus={body.title.trim() ? undefined : 'error'}
          help={body.title.trim() ? undefined : t('edit.titleRequired')}
        >
          <Input
            value={body.title}
            maxLength={200}
            onChange={(e) => onChange({ ...body, title: e.target.value })}
            data-testid="edit-title"
          />
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary">{body.subtitle}</Typography.Paragraph>
      {body.sections.map((section, si) => {
        const itemsEditable = ITEM_EDITABLE_SECTIONS.includes(section.key);
        return (
          <section key={section.key} data-testid={`edit-section-${section.key}`}>
            <Typography.Title level={4} style={{ marginTop: 24 }}>
              {section.title}
            </Typography.Title>
            {section.blocks.map((block, bi) => {
              if (block.type === 'paragraph') return field({ section: si, block: bi }, block.text);
              if (block.type === 'list') {
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: blocks are identified by their place in the chapter
                  <div key={bi}>
                    {block.items.map((item, ii) =>
                      field(
                        { section: si, block: bi, item: ii },
                        item,
                        itemsEditable ? () => onChange(removeItem(body, si, bi, ii)) : undefined,
                      ),
                    )}
                    {itemsEditable ? (
                      <Button
                        type="dashed"
                        block
                        icon={<PlusOutlined />}
                        onClick={() => onChange(addItem(body, si, bi, block.items.length))}
                        style={{ marginBottom: 12 }}
                        data-testid="edit-add-item"
                      >
                        {t('edit.addItem')}
                      </Button>
                    ) : null}
                  </div>
                );
              }
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: blocks are identified by their place in the chapter
                <div key={bi} style={{ opacity: 0.85 }}>
                  <ReadBlock block={block} data={data} lang={lang} onFigure={onFigure} />
                </div>
              );
            })}
          </section>
        );
      })}
      <FigurePicker
        open={picking !== null}
        data={data}
        lang={lang}
        onPick={insert}
        onClose={() => setPicking(null)}
        afterClose={restoreCaret}
      />
    </div>
  );
}

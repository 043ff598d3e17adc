import { AutoComplete, Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components';
import { HistoryPanel } from '../../components/HistoryPanel';
import type { Dictionary, DictionaryType } from './types';

interface DictionaryValues {
  type: string;
  code: string;
  labelZh: string;
  labelEn: string;
  sort?: number | null;
}

const TYPE_PATTERN = /^[a-z][a-z0-9_]*$/;
const CODE_PATTERN = /^[a-z0-9][a-z0-9_]*$/;

export interface DictionaryDrawerProps {
  open: boolean;
  onClose: () => void;
  record: Dictionary | null;
  /** the type chosen on the page: the default for a new entry */
  type: string | null;
  types: DictionaryType[];
  onSaved?: (saved: Dictionary) => void;
}

/** Create / edit one entry. Type and code are fixed once created (records store the code). */
export function DictionaryDrawer({ open, onClose, record, type, types, onSaved }: DictionaryDrawerProps) {
  const { t, i18n } = useTranslation('system');
  const zh = i18n.language.startsWith('zh');
  const editing = record !== null;
  return (
    <FormDrawer<DictionaryValues, Dictionary, Dictionary>
      open={open}
      onClose={onClose}
      title={editing ? t('dict.edit', { name: zh ? record.labelZh : record.labelEn }) : t('dict.create')}
      resource="/dictionaries"
      record={record}
      initialValues={{ type: type ?? '' }}
      toValues={(r) => ({ type: r.type, code: r.code, labelZh: r.labelZh, labelEn: r.labelEn, sort: r.sort })}
      toBody={(v, mode) => {
        const labels = { labelZh: v.labelZh.trim(), labelEn: v.labelEn.trim() };
        const sort = v.sort ?? undefined;
        return mode === 'create' ? { type: v.type.trim(), code: v.code.trim(), ...labels, sort } : { ...labels, sort };
      }}
      onSaved={(saved) => onSaved?.(saved)}
    >
      <Form.Item
        name="type"
        label={t('dict.type')}
        extra={editing ? undefined : t('dict.typeHint')}
        rules={[
          { required: true, whitespace: true },
          { min: 2, max: 40 },
          { pattern: TYPE_PATTERN, message: t('dict.typeInvalid') },
        ]}
      >
        {editing ? (
          <Input disabled />
        ) : (
          <AutoComplete
            options={types.map((x) => ({ value: x.type, label: t('dict.typeLabel', { name: zh ? x.nameZh : x.nameEn, type: x.type }) }))}
            showSearch={{ filterOption: (input, option) => String(option?.label ?? '').includes(input) }}
          />
        )}
      </Form.Item>
      <Form.Item
        name="code"
        label={t('dict.code')}
        extra={editing ? t('dict.codeFixed') : t('dict.codeHint')}
        rules={[{ required: true, whitespace: true }, { max: 40 }, { pattern: CODE_PATTERN, message: t('dict.codeInvalid') }]}
      >
        <Input disabled={editing} placeholder="hvac" />
      </Form.Item>
      <Form.Item name="labelZh" label={t('dict.labelZh')} rules={[{ required: true, whitespace: true }, { max: 50 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="labelEn" label={t('dict.labelEn')} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="sort" label={t('dict.sort')} extra={t('dict.sortHint')}>
        <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      {record ? <HistoryPanel entity="dictionary" entityId={record.id} version={record.version} /> : null}
    </FormDrawer>
  );
}

import { Select, type SelectProps, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueryParams } from '../app/api';
import { useList } from './hooks';

export interface RemoteOption {
  value: string;
  label: string;
}

export interface RemoteSelectProps<T extends { id: string }>
  extends Omit<SelectProps<string | string[]>, 'options' | 'onSearch' | 'filterOption' | 'showSearch'> {
  /** list endpoint searched with `q`, e.g. '/users' */
  resource: string;
  /** row → option label */
  labelOf: (row: T) => string;
  /** fixed filters, e.g. { active: '1' } */
  params?: QueryParams;
  /** labels for the current value(s), when the record already carries them (edit forms) */
  initialOptions?: RemoteOption[];
  /** ids never offered (e.g. the record itself as its own parent) */
  exclude?: string[];
  limit?: number;
}

/**
 * A Select that searches a list endpoint as the person types (`q`, debounced) —
 * for choosing users, locations, suppliers… among thousands. Works in Form.Item.
 */
export function RemoteSelect<T extends { id: string }>({
  resource,
  labelOf,
  params,
  initialOptions,
  exclude,
  limit = 20,
  ...rest
}: RemoteSelectProps<T>) {
  const { t } = useTranslation('common');
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  const [known, setKnown] = useState<Map<string, string>>(() => new Map((initialOptions ?? []).map((o) => [o.value, o.label])));
  useEffect(() => {
    const handle = setTimeout(() => setQ(input.trim()), 300);
    return () => clearTimeout(handle);
  }, [input]);
  // callers pass a fresh array on every render: react to its content, not its identity
  const initialKey = JSON.stringify(initialOptions ?? []);
  useEffect(() => {
    const opts = JSON.parse(initialKey) as RemoteOption[];
    if (opts.length) setKnown((prev) => new Map([...prev, ...opts.map((o) => [o.value, o.label] as const)]));
  }, [initialKey]);

  const list = useList<T>(resource, { ...params, q, limit });
  const found = (list.data?.items ?? []).filter((r) => !exclude?.includes(r.id)).map((r) => ({ value: r.id, label: labelOf(r) }));
  const selected = (Array.isArray(rest.value) ? rest.value : rest.value ? [rest.value] : [])
    .filter((v) => !found.some((f) => f.value === v))
    .map((v) => ({ value: v, label: known.get(v) ?? v }));

  return (
    <Select<string | string[]>
      allowClear
      {...rest}
      showSearch={{ filterOption: false, onSearch: setInput }}
      options={[...selected, ...found]}
      notFoundContent={list.isFetching ? <Spin size="small" /> : t('select.noMatch')}
      onChange={(value, option) => {
        const opts = (Array.isArray(option) ? option : option ? [option] : []) as RemoteOption[];
        setKnown((prev) => new Map([...prev, ...opts.map((o) => [o.value, o.label] as const)]));
        rest.onChange?.(value, option);
      }}
      onOpenChange={(open) => {
        if (!open) setInput('');
        rest.onOpenChange?.(open);
      }}
    />
  );
}

export interface UserRow {
  id: string;
  name: string;
  username: string;
}

/** Users by name or username (`GET /users?q=`), shown as 姓名（用户名）. */
export function UserSelect(props: Omit<RemoteSelectProps<UserRow>, 'resource' | 'labelOf'>) {
  return (
    <RemoteSelect<UserRow>
      resource="/users"
      labelOf={(u) => `${u.name}（${u.username}）`}
      params={{ active: '1', ...props.params }}
      {...props}
    />
  );
}

import { Select, type SelectProps } from 'antd';
import { useMe } from '../app/auth';

/**
 * One of the person's sites (from /auth/me — no request). Works in Form.Item;
 * `value` is the site id.
 */
export function SiteSelect(props: Omit<SelectProps<string>, 'options'>) {
  const me = useMe();
  return (
    <Select<string>
      showSearch={{ optionFilterProp: 'label' }}
      {...props}
      options={me.sites.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))}
    />
  );
}

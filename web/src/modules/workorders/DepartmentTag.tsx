import { Tag, Tooltip } from 'antd';
import { useCan } from '../../app/auth';
import { useRecord } from '../../components';

/**
 * A list filter by department that came in a link (a summary figure scoped to a
 * department), shown as a closable tag: 「处理人部门：维修二组」. The name is read from
 * the department itself; without org:read, or while it loads, the tag says only what the
 * filter is, and the id stays in the tooltip.
 */
export function DepartmentTag({
  id,
  label,
  onClose,
  testId,
}: {
  id: string;
  /** what the department is of, e.g. 处理人部门 */
  label: string;
  onClose: () => void;
  testId: string;
}) {
  const can = useCan();
  const department = useRecord<{ id: string; name: string }>('/departments', can('org:read', null) ? id : null);
  const name = department.data?.name;
  return (
    <Tooltip title={name ? undefined : id}>
      <Tag
        closable
        onClose={(e) => {
          e.preventDefault();
          onClose();
        }}
        style={{ marginInlineEnd: 0, paddingBlock: 4 }}
        data-testid={testId}
      >
        {name ? `${label}：${name}` : label}
      </Tag>
    </Tooltip>
  );
}

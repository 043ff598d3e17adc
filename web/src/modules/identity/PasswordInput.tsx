import { KeyOutlined } from '@ant-design/icons';
import { Button, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { generatePassword } from './rules';

export interface PasswordInputProps {
  value?: string;
  onChange?: (value: string) => void;
  /** also fills the confirmation field, when there is one */
  onGenerate?: (password: string) => void;
  'data-testid'?: string;
}

/** A new password with 随机生成; a generated password is shown so it can be passed on. Works in Form.Item. */
export function PasswordInput({ value, onChange, onGenerate, ...rest }: PasswordInputProps) {
  const { t } = useTranslation('identity');
  const [visible, setVisible] = useState(false);
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input.Password
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
        autoComplete="new-password"
        visibilityToggle={{ visible, onVisibleChange: setVisible }}
        data-testid={rest['data-testid']}
      />
      <Button
        icon={<KeyOutlined />}
        onClick={() => {
          const password = generatePassword();
          setVisible(true);
          onChange?.(password);
          onGenerate?.(password);
        }}
      >
        {t('password.generate')}
      </Button>
    </Space.Compact>
  );
}

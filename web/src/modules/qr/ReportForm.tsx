import { CameraOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  Progress,
  Radio,
  Select,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, upload } from '../../app/api';
import { applyFieldErrors } from '../../components/formErrors';
import { useErrorText } from '../../components/useErrorText';
import {
  choiceLabel,
  DESCRIPTION_MAX,
  NAME_MAX,
  PHONE_PATTERN,
  photoProblem,
  type ReportOptions,
  type ReportResult,
  toReportForm,
} from './report';

interface Values {
  description: string;
  category: string;
  urgency: string;
  name?: string;
  phone: string;
  appointmentAt?: Dayjs | null;
  photos?: UploadFile[];
}

/**
 * 我要报修 on the QR page: what is wrong, a category and urgency, a name and phone to be
 * called back on, up to three photos straight from the camera. Photos are checked on
 * the phone before anything is sent, and the upload shows its progress (mobile data).
 */
export function ReportForm(props: { code: string; options: ReportOptions; onDone: (result: ReportResult) => void; onCancel: () => void }) {
  const { code, options } = props;
  const { t, i18n } = useTranslation('qr');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const photos = Form.useWatch('photos', form) ?? [];
  const [percent, setPercent] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const defaultCode = (list: { code: string }[], wanted: string) => (list.some((c) => c.code === wanted) ? wanted : list[0]?.code);

  const submit = async (values: Values) => {
    setFailure(null);
    setPercent(0);
    try {
      const files = (values.photos ?? []).map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => Boolean(f));
      const body = toReportForm(
        {
          description: values.description,
          category: values.category,
          urgency: values.urgency,
          name: values.name,
          phone: values.phone,
          appointmentAt: values.appointmentAt ? values.appointmentAt.toISOString() : null,
        },
        files,
      );
      const result = await upload<ReportResult>(`/public/q/${encodeURIComponent(code)}/report`, body, undefined, setPercent);
      props.onDone(result);
    } catch (err) {
      if (applyFieldErrors(form, err)) return;
      if (isApiError(err, 'RATE_LIMITED')) setFailure(t('report.rateLimited'));
      else if (isApiError(err, 'FORBIDDEN')) setFailure(t('report.closed'));
      else setFailure(errorText(err));
    } finally {
      setPercent(null);
    }
  };

  return (
    <Card title={t('report.title')} data-testid="qr-report-form">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('report.hint')}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        disabled={percent !== null}
        initialValues={{
          category: defaultCode(options.categories, 'other'),
          urgency: defaultCode(options.urgencies, 'normal'),
          photos: [],
        }}
        onFinish={(v) => void submit(v)}
        scrollToFirstError
      >
        <Form.Item
          name="description"
          label={t('report.description')}
          rules={[
            { required: true, whitespace: true, message: t('report.descriptionRequired') },
            { max: DESCRIPTION_MAX, message: t('report.descriptionTooLong', { max: DESCRIPTION_MAX }) },
          ]}
        >
          <Input.TextArea
            rows={4}
            maxLength={DESCRIPTION_MAX}
            showCount
            placeholder={t('report.descriptionPlaceholder')}
            data-testid="qr-report-description"
          />
        </Form.Item>
        <Form.Item name="category" label={t('report.category')} rules={[{ required: true, message: t('report.categoryRequired') }]}>
          <Select
            options={options.categories.map((c) => ({ value: c.code, label: choiceLabel(c, i18n.language) }))}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="qr-report-category"
          />
        </Form.Item>
        <Form.Item name="urgency" label={t('report.urgency')} rules={[{ required: true, message: t('report.urgencyRequired') }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={options.urgencies.map((u) => ({ value: u.code, label: choiceLabel(u, i18n.language) }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('report.name')} rules={[{ max: NAME_MAX, message: t('report.nameTooLong', { max: NAME_MAX }) }]}>
          <Input maxLength={NAME_MAX} autoComplete="name" data-testid="qr-report-name" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('report.phone')}
          extra={t('report.phoneHint')}
          rules={[
            { required: true, whitespace: true, message: t('report.phoneRequired') },
            { pattern: PHONE_PATTERN, message: t('report.phoneInvalid') },
          ]}
        >
          <Input type="tel" inputMode="tel" autoComplete="tel" maxLength={20} data-testid="qr-report-phone" />
        </Form.Item>
        <Form.Item name="appointmentAt" label={t('report.appointmentAt')}>
          <DatePicker
            showTime={{ format: 'HH:mm', minuteStep: 15 }}
            format="YYYY-MM-DD HH:mm"
            inputReadOnly
            disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item
          name="photos"
          label={t('report.photos', { max: options.maxPhotos })}
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
        >
          <Upload
            listType="picture-card"
            accept="image/*"
            capture="environment"
            multiple
            maxCount={options.maxPhotos}
            showUploadList={{ showPreviewIcon: false }}
            beforeUpload={(file) => {
              const problem = photoProblem(file, options.maxPhotoMb);
              if (!problem) return false; // kept in the form, sent with it
              message.error(t(`report.photo.${problem}`, { name: file.name, mb: options.maxPhotoMb }));
              return Upload.LIST_IGNORE;
            }}
            data-testid="qr-report-photos"
          >
            {photos.length < options.maxPhotos ? (
              <Flex vertical align="center" gap={4}>
                <CameraOutlined style={{ fontSize: 20 }} />
                <span>{t('report.addPhoto')}</span>
              </Flex>
            ) : null}
          </Upload>
        </Form.Item>
        {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} data-testid="qr-report-error" /> : null}
        {percent !== null && photos.length > 0 ? <Progress percent={percent} size="small" style={{ marginBottom: 12 }} /> : null}
        <Flex vertical gap={8}>
          <Button type="primary" htmlType="submit" size="large" block loading={percent !== null} data-testid="qr-report-submit">
            {percent !== null ? t('report.submitting') : t('report.submit')}
          </Button>
          <Button block onClick={props.onCancel} disabled={percent !== null}>
            {t('common:actions.cancel')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}

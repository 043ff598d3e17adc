import { ArrowLeftOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Grid, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFigure } from '../../../../contracts/figures';
import type { ReportFactsDto, SummaryLang } from '../../../../contracts/reports';
import type { SummaryFact } from '../../../../contracts/summary';
import { figureChoices, searchFacts } from './logic';

/**
 * 插入数据: find a figure by its name (either language) or key, then choose what to cite —
 * the total, one site's value, the previous period, last year, or the change against
 * either — each shown as it will print. The choice goes into the text as a token, so the
 * number stays linked to its records.
 */
export function FigurePicker({
  open,
  data,
  lang,
  onPick,
  onClose,
  afterClose,
}: {
  open: boolean;
  data: ReportFactsDto;
  lang: SummaryLang;
  onPick: (token: string) => void;
  onClose: () => void;
  afterClose?: () => void;
}) {
  const { t } = useTranslation('summaries');
  const screens = Grid.useBreakpoint();
  const [q, setQ] = useState('');
  const [fact, setFact] = useState<SummaryFact | null>(null);
  const groups = searchFacts(data, q, lang, t('picker.other'));

  return (
    <Modal
      open={open}
      title={t('picker.title')}
      onCancel={onClose}
      footer={null}
      width={screens.sm ? 640 : '100%'}
      afterClose={() => {
        setFact(null);
        setQ('');
        afterClose?.();
      }}
      destroyOnHidden
    >
      {fact ? (
        <Flex vertical gap={12} data-testid="picker-choices">
          <Flex align="center" gap={8}>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => setFact(null)} aria-label={t('picker.back')} />
            <div>
              <Typography.Text strong>{fact.label[lang]}</Typography.Text>
              {fact.formula ? (
                <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
                  {fact.formula}
                </Typography.Paragraph>
              ) : null}
            </div>
          </Flex>
          <div style={{ border: '1px solid #f0f0f0', borderRadius: 8 }}>
            {figureChoices(fact, data, lang).map((c, i) => (
              <Flex
                key={c.token}
                align="center"
                justify="space-between"
                gap={8}
                style={{ padding: '8px 12px', borderTop: i ? '1px solid #f0f0f0' : undefined }}
              >
                <Flex vertical style={{ minWidth: 0 }}>
                  <Typography.Text>{t(`variant.${c.variant}`, { site: c.siteName })}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                    {t('picker.prints', { text: c.text })} · <Typography.Text code>{c.token}</Typography.Text>
                  </Typography.Text>
                </Flex>
                <Button type="link" size="small" onClick={() => onPick(c.token)} data-testid={`picker-${c.variant}`}>
                  {t('picker.insert')}
                </Button>
              </Flex>
            ))}
          </div>
        </Flex>
      ) : (
        <Flex vertical gap={12}>
          <Input
            allowClear
            autoFocus
            prefix={<SearchOutlined />}
            placeholder={t('picker.search')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            data-testid="picker-search"
          />
          <div style={{ maxHeight: '55vh', overflowY: 'auto' }}>
            {groups.length ? (
              groups.map((g) => (
                <div key={g.module || '-'} style={{ marginBottom: 12 }}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {g.label}
                  </Typography.Text>
                  {g.facts.map((f) => (
                    <Button
                      key={f.key}
                      type="text"
                      block
                      onClick={() => setFact(f)}
                      style={{
                        display: 'flex',
                        justifyContent: 'space-between',
                        height: 'auto',
                        padding: '8px 12px',
                        whiteSpace: 'normal',
                        textAlign: 'left',
                      }}
                      data-testid="picker-fact"
                      data-key={f.key}
                    >
                      <span>{f.label[lang]}</span>
                      <Typography.Text type="secondary">{formatFigure(f.value, f.unit, lang)}</Typography.Text>
                    </Button>
                  ))}
                </div>
              ))
            ) : (
              <Empty description={t('picker.none')} />
            )}
          </div>
        </Flex>
      )}
    </Modal>
  );
}

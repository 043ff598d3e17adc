import { LinkOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Flex, Grid, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type FigureToken, tokenText } from '../../../../contracts/figures';
import type { ReportFactsDto, SummaryLang } from '../../../../contracts/reports';
import { CellLink } from './FigureTable';
import { figureRows } from './logic';

/** what was clicked: a figure of the text (its token) or a fact's name in a table or chart */
export type FigureFocus = { token: FigureToken; raw: string } | { key: string };

/**
 * Where a figure comes from: the fact's name and how it is computed, its total, each
 * site's value, the previous period and the same period last year — every value a link to
 * its records — and 查看来源记录, the list behind the figure.
 */
export function FigureDrawer({
  focus,
  data,
  lang,
  onClose,
}: {
  focus: FigureFocus | null;
  data: ReportFactsDto;
  lang: SummaryLang;
  onClose: () => void;
}) {
  const { t } = useTranslation('summaries');
  const screens = Grid.useBreakpoint();
  const navigate = useNavigate();
  const key = focus ? ('token' in focus ? focus.token.key : focus.key) : null;
  const row = key ? figureRows([key], data, lang)[0] : undefined;
  const fact = row?.fact;
  const token = focus && 'token' in focus ? focus.token : null;
  const siteName = token?.siteId ? fact?.bySite?.find((s) => s.siteId === token.siteId)?.siteName : undefined;

  return (
    <Drawer
      open={focus !== null}
      onClose={onClose}
      size={screens.sm ? 460 : '100%'}
      title={fact ? fact.label[lang] : t('figure.title')}
      destroyOnHidden
      footer={
        fact ? (
          <Flex justify="flex-end">
            <Button
              type="primary"
              icon={<LinkOutlined />}
              onClick={() => {
                onClose();
                navigate(fact.link);
              }}
              data-testid="figure-sources"
            >
              {t('figure.sources')}
            </Button>
          </Flex>
        ) : null
      }
    >
      {!fact || !row ? (
        <Alert type="error" showIcon title={t('figure.unknown', { token: focus && 'raw' in focus ? focus.raw : (key ?? '') })} />
      ) : (
        <Flex vertical gap={16} data-testid="figure-drawer">
          {token ? (
            <div>
              <Typography.Text type="secondary">{t('figure.cited')}</Typography.Text>{' '}
              <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                {t(`variant.${token.variant}`, { site: siteName ?? token.siteId })}：{tokenText(token, data, lang)}
              </Tag>
            </div>
          ) : null}
          <Statistic
            title={t('figure.total', { period: data.period.label[lang] })}
            valueRender={() => (
              <Link to={fact.link} style={{ fontSize: 26 }}>
                {row.total.text}
              </Link>
            )}
          />
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'formula', label: t('figure.formula'), children: fact.formula ?? '—' },
              {
                key: 'previous',
                label: t('figure.previous', { period: data.previous.period.label[lang] }),
                children: <CellLink cell={row.previous} change={row.changePrevious} />,
              },
              {
                key: 'lastYear',
                label: t('figure.lastYear', { period: data.lastYear.period.label[lang] }),
                children: <CellLink cell={row.lastYear} change={row.changeLastYear} />,
              },
              { key: 'key', label: t('figure.key'), children: <Typography.Text code>{fact.key}</Typography.Text> },
            ]}
          />
          {fact.bySite?.length ? (
            <Table
              size="small"
              bordered
              rowKey="siteId"
              pagination={false}
              dataSource={fact.bySite}
              columns={[
                { title: t('figure.site'), dataIndex: 'siteName' },
                {
                  title: t('figure.value'),
                  key: 'value',
                  align: 'right',
                  render: (_, s) => <CellLink cell={row.bySite[s.siteId] ?? { value: null, text: '—', link: null }} />,
                },
              ]}
              data-testid="figure-sites"
            />
          ) : null}
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>
            {t('figure.hint')}
          </Typography.Paragraph>
        </Flex>
      )}
    </Drawer>
  );
}

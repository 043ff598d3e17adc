import { Tooltip } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { type FigureLookup, type FigureToken, parseFigureText, resolveToken, tokenText } from '../../../../contracts/figures';
import type { SummaryLang } from '../../../../contracts/reports';

/** a figure in the prose: marked so a reader sees it is computed and can be opened */
const FIGURE: CSSProperties = {
  display: 'inline',
  font: 'inherit',
  color: '#0958d9',
  background: '#e6f4ff',
  border: 0,
  borderBottom: '1px dashed #4096ff',
  borderRadius: 2,
  padding: '0 2px',
  margin: '0 1px',
  cursor: 'pointer',
  // the box hugs the figure instead of the paragraph's tall line
  lineHeight: 1.35,
};

/** a token that names no fact of the version: red, with what is wrong on hover */
const UNKNOWN: CSSProperties = {
  color: '#cf1322',
  background: '#fff1f0',
  borderBottom: '1px solid #ff4d4f',
  padding: '0 2px',
  wordBreak: 'break-all',
};

export interface FigureClick {
  token: FigureToken;
  raw: string;
}

/**
 * A paragraph or list item with its figure tokens written as figures in the document's
 * language; each figure is a button that opens what it was computed from. Unknown
 * tokens show as they are written, in red.
 */
export function FigureText({
  text,
  data,
  lang,
  onFigure,
}: {
  text: string;
  data: FigureLookup;
  lang: SummaryLang;
  onFigure?: (figure: FigureClick) => void;
}) {
  const { t } = useTranslation('summaries');
  return (
    <>
      {parseFigureText(text).map((part, i) => {
        const key = `${i}`;
        if (!('token' in part)) return <span key={key}>{part.text}</span>;
        const resolved = resolveToken(part.token, data);
        const siteKnown = part.token.variant !== 'site' || resolved?.fact.bySite?.some((s) => s.siteId === part.token.siteId);
        if (!resolved || !siteKnown) {
          return (
            <Tooltip key={key} title={t('figure.unknown', { token: part.raw })}>
              <span style={UNKNOWN} data-testid="figure-unknown">
                {part.raw}
              </span>
            </Tooltip>
          );
        }
        const printed = tokenText(part.token, data, lang);
        return onFigure ? (
          <button
            key={key}
            type="button"
            style={FIGURE}
            onClick={() => onFigure({ token: part.token, raw: part.raw })}
            title={resolved.fact.label[lang]}
            data-testid="figure"
            data-key={part.token.key}
          >
            {printed}
          </button>
        ) : (
          <span key={key} style={FIGURE}>
            {printed}
          </span>
        );
      })}
    </>
  );
}

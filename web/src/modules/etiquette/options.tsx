import { Tag } from 'antd';
import { useList } from '../../components';
import { etiquetteTemplates, scoreText, scoreTone, TONE_COLORS } from './logic';
import { type ChecklistTemplateDto, TEMPLATES } from './types';

/** A score as a coloured tag: green from 90, orange from 60, red below. */
export function ScoreTag({ score, large }: { score: number; large?: boolean }) {
  return (
    <Tag color={TONE_COLORS[scoreTone(score)]} style={large ? { fontSize: 20, lineHeight: '32px', padding: '0 12px' } : undefined}>
      {scoreText(score)}
    </Tag>
  );
}

/** The checklist templates a check may be filled on, as select options (inactive ones are left out: filters list what is in use). */
export function useTemplateOptions() {
  const templates = useList<ChecklistTemplateDto>(TEMPLATES, { active: '1', limit: 200, sort: 'name' });
  return {
    options: etiquetteTemplates(templates.data?.items ?? []).map((r) => ({ value: r.id, label: r.name })),
    loading: templates.isPending,
  };
}

import type { Permission } from '../../../../contracts/permissions.js';
import type { SummarySectionKey } from '../../../../contracts/reports.js';
import type { SummaryFact, SummaryScope } from '../../../../contracts/summary.js';
import type { Ctx } from '../context.js';

/**
 * The modules' summary facts, gathered for the dashboards and the work summary: each
 * module registers what it contributes when it is mounted, so a later module adds its
 * figures without the report module knowing it. `facts` gets a scope whose sites are
 * already narrowed to what the actor may see.
 */
export interface FactProvider {
  /** the first segment of its facts' keys: `workorders` for `workorders.received` */
  module: string;
  section: SummarySectionKey;
  label: { zh: string; en: string };
  /** position in its section */
  order: number;
  /** the actor needs this to read the module's figures */
  permission: Permission;
  facts(ctx: Ctx, scope: SummaryScope): Promise<SummaryFact[]>;
}

const providers = new Map<string, FactProvider>();

/** Registers (or replaces — apps are built many times in one test process) a module's facts. */
export function registerFactProvider(provider: FactProvider): void {
  providers.set(provider.module, provider);
}

/** The providers in summary order: by section, then by their order. */
export function factProviders(): FactProvider[] {
  return [...providers.values()].sort((a, b) => sectionIndex(a.section) - sectionIndex(b.section) || a.order - b.order);
}

const SECTION_ORDER: SummarySectionKey[] = ['overview', 'service', 'facilities', 'environment', 'safety', 'team', 'problems', 'plans'];
const sectionIndex = (s: SummarySectionKey) => SECTION_ORDER.indexOf(s);

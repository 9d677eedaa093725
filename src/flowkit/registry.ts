import { allTranslations } from '../i18n.ts';
import { matchOption } from '../lang/match.ts';
import type { FlowDef } from './types.ts';

/** The flows this assistant runs. A new flow is one folder under flows/ and one line in flows/index.ts. */
export class FlowRegistry {
  private readonly byId = new Map<string, FlowDef>();

  constructor(flows: FlowDef[]) {
    for (const f of flows) {
      if (this.byId.has(f.id)) throw new Error(`duplicate flow id ${f.id}`);
      if (f.steps.length === 0) throw new Error(`flow ${f.id} has no steps`);
      const ids = new Set<string>();
      for (const s of f.steps) {
        if (ids.has(s.id)) throw new Error(`flow ${f.id}: duplicate step id ${s.id}`);
        ids.add(s.id);
      }
      this.byId.set(f.id, f);
    }
  }

  get(id: string): FlowDef | undefined {
    return this.byId.get(id);
  }

  menuFlows(): FlowDef[] {
    return [...this.byId.values()].filter((f) => f.menu).sort((a, b) => a.menu!.order - b.menu!.order);
  }

  /** The flow whose trigger phrases the free text contains ("toi muon dang ky cong doan"). */
  triggered(text: string): FlowDef | undefined {
    if (!text) return undefined;
    const options = [...this.byId.values()]
      .filter((f) => f.triggers)
      .map((f) => ({ key: f.id, synonyms: allTranslations(f.triggers!, f.namespace) }));
    const m = matchOption(text, options);
    return m ? this.byId.get(m.key) : undefined;
  }
}

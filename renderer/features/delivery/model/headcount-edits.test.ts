import { describe, expect, it } from 'vitest';
import { DeliverySectionSchema } from '../../../../sim/delivery/schema.ts';
import { makePodsScenario } from '../../../../sim/scenario/testing/scenarios.ts';
import { designHeadcount, resetDesignHeadcount, setDesignHeadcount } from '../../../../sim/edits/delivery-headcount.ts';

describe('counterfactual headcount edits', () => {
  it('set a team\'s people, and unsetting the last one leaves no designHeadcount in the file', () => {
    const doc = makePodsScenario();
    const set = setDesignHeadcount(doc, 'centralized', 'centralAi', 7);
    expect(set.delivery.designHeadcount).toEqual({ centralized: { centralAi: 7 } });
    expect(designHeadcount(set, 'centralized', 'centralAi')).toBe(7);
    expect(DeliverySectionSchema.parse(set.delivery).designHeadcount).toEqual({ centralized: { centralAi: 7 } });
    const both = setDesignHeadcount(set, 'pods-platform', 'platform', 3);
    expect(both.delivery.designHeadcount).toEqual({ centralized: { centralAi: 7 }, 'pods-platform': { platform: 3 } });
    const back = setDesignHeadcount(setDesignHeadcount(both, 'centralized', 'centralAi', undefined), 'pods-platform', 'platform', undefined);
    expect('designHeadcount' in back.delivery).toBe(false);
    expect(back.delivery).toEqual(doc.delivery);
  });

  it('change nothing when the value is the same or the design has no such team, and reset one design only', () => {
    const doc = setDesignHeadcount(makePodsScenario(), 'pods', 'perPod', 4);
    expect(setDesignHeadcount(doc, 'pods', 'perPod', 4)).toBe(doc);
    expect(setDesignHeadcount(doc, 'pods', 'centralAi', 4)).toBe(doc);
    const two = setDesignHeadcount(doc, 'centralized', 'productEngineering', 5);
    expect(resetDesignHeadcount(two, 'pods').delivery.designHeadcount).toEqual({ centralized: { productEngineering: 5 } });
    expect(resetDesignHeadcount(doc, 'centralized')).toBe(doc);
  });
});

/**
 * The layer rules can fail: for each rule in eslint.config.js, a probe
 * import that crosses it is linted as if it were a file at that place, and
 * ESLint must refuse it with the rule's message. (A rule that never fires
 * would let the architecture drift while lint stays green.)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Probe {
  /** The file the probe pretends to be (need not exist). */
  file: string;
  code: string;
  rule: string;
  /** Part of the message the rule must give. */
  message: RegExp;
}

const probes: Record<string, Probe> = {
  'sim/ never imports the other layers': { file: 'sim/cost/probe.ts', code: "import { openScenarioStore as openStore } from '../../data/store/sqlite-store.ts';\nexport const p = openStore;\n", rule: 'import-x/no-restricted-paths', message: /sim\/ imports nothing/ },
  'sim/ is pure: no Node APIs': { file: 'sim/cost/probe.ts', code: "import { readFileSync } from 'node:fs';\nexport const p = readFileSync;\n", rule: 'no-restricted-imports', message: /no Node APIs/ },
  'sim/ is deterministic: no Math.random': { file: 'sim/gpu-sim/probe.ts', code: 'export const p = Math.random();\n', rule: 'no-restricted-properties', message: /seeded random source/ },
  'a lower sim/ folder does not import a higher one (cost → delivery)': { file: 'sim/cost/probe.ts', code: "import { simulateDelivery } from '../delivery/simulate.ts';\nexport const p = simulateDelivery;\n", rule: 'import-x/no-restricted-paths', message: /sim layers: sim\/cost sits below sim\/delivery/ },
  'sim/ folders on one row do not import each other (gpu-sim → delivery)': { file: 'sim/gpu-sim/probe.ts', code: "import { simulateDelivery } from '../delivery/simulate.ts';\nexport const p = simulateDelivery;\n", rule: 'import-x/no-restricted-paths', message: /sim\/gpu-sim sits beside sim\/delivery/ },
  'the quota policy does not import Kueue arithmetic (cluster → kueue)': { file: 'sim/cluster/probe.ts', code: "import { buildQuotaTree } from '../kueue/quota-tree.ts';\nexport const p = buildQuotaTree;\n", rule: 'import-x/no-restricted-paths', message: /sim\/cluster sits below sim\/kueue/ },
  'phases do not import the cost model (phases → cost)': { file: 'sim/phases/probe.ts', code: "import { costBetween } from '../cost/compute.ts';\nexport const p = costBetween;\n", rule: 'import-x/no-restricted-paths', message: /sim\/phases sits below sim\/cost/ },
  'a deep sim/ file obeys its folder\'s row (gpu-sim/x/y → scenario)': { file: 'sim/gpu-sim/deep/probe.ts', code: "import { parseScenarioText } from '../../scenario/index.ts';\nexport const p = parseScenarioText;\n", rule: 'import-x/no-restricted-paths', message: /sim\/gpu-sim sits below sim\/scenario/ },
  'no file cycles (delivery design → simulate → design)': { file: 'sim/delivery/design.ts', code: "import { simulateDelivery } from './simulate.ts';\nexport const p = simulateDelivery;\n", rule: 'import-x/no-cycle', message: /cycle/ },
  'data/ does not import electron/': { file: 'data/store/probe.ts', code: "import { startServer } from '../../electron/server/server.ts';\nexport const p = startServer;\n", rule: 'import-x/no-restricted-paths', message: /data\/ sits below electron/ },
  'the cluster client does not import the server': { file: 'electron/cluster/probe.ts', code: "import { startServer } from '../server/server.ts';\nexport const p = startServer;\n", rule: 'import-x/no-restricted-paths', message: /electron\/cluster sits below electron\/server/ },
  'the server does not import the CLI': { file: 'electron/server/probe.ts', code: "import { main } from '../cli/main.ts';\nexport const p = main;\n", rule: 'import-x/no-restricted-paths', message: /electron\/server sits below electron\/cli/ },
  'the CLI does not import the desktop shell': { file: 'electron/cli/probe.ts', code: "import { buildMenu } from '../desktop/main/menu.ts';\nexport const p = buildMenu;\n", rule: 'import-x/no-restricted-paths', message: /electron\/cli sits beside electron\/desktop\/main/ },
  'the preload does not import the server': { file: 'electron/desktop/preload/probe.ts', code: "import { startServer } from '../../server/server.ts';\nexport const p = startServer;\n", rule: 'import-x/no-restricted-paths', message: /electron\/desktop\/preload sits below electron\/server/ },
  'the cluster client does not touch the store': { file: 'electron/cluster/probe.ts', code: "import { openScenarioStore as openStore } from '../../data/store/sqlite-store.ts';\nexport const p = openStore;\n", rule: 'import-x/no-restricted-paths', message: /does not touch the store/ },
  'electron/ does not import the UI': { file: 'electron/server/probe.ts', code: "import { createApiClient } from '../../renderer/api/client.ts';\nexport const p = createApiClient;\n", rule: 'import-x/no-restricted-paths', message: /does not import the UI/ },
  'the renderer does not import electron/': { file: 'renderer/features/costs/Probe.tsx', code: "import { startServer } from '../../../electron/server/server.ts';\nexport const p = startServer;\n", rule: 'import-x/no-restricted-paths', message: /only over HTTP/ },
  'the renderer does not import data/': { file: 'renderer/features/costs/Probe.tsx', code: "import { openScenarioStore as openStore } from '../../../data/store/sqlite-store.ts';\nexport const p = openStore;\n", rule: 'import-x/no-restricted-paths', message: /only over HTTP/ },
  'the renderer runs sandboxed: no Node APIs': { file: 'renderer/features/costs/Probe.tsx', code: "import { readFileSync } from 'node:fs';\nexport const p = readFileSync;\n", rule: 'no-restricted-imports', message: /sandboxed/ },
  'pure renderer logic does not import React': { file: 'renderer/editing/probe.ts', code: "import { useState } from 'react';\nexport const p = useState;\n", rule: 'no-restricted-imports', message: /no React, stores or DOM/ },
  'pure renderer logic does not import views': { file: 'renderer/editing/probe.ts', code: "import { EditorView } from '../features/editor/EditorView.tsx';\nexport const p = EditorView;\n", rule: 'no-restricted-imports', message: /does not import components or views/ },
  'pure renderer logic does not import stores': { file: 'renderer/editing/probe.ts', code: "import { useEditor } from '../stores/editor.ts';\nexport const p = useEditor;\n", rule: 'no-restricted-imports', message: /does not import stores/ },
  "a feature's model does not import its view": { file: 'renderer/features/costs/model/probe.ts', code: "import { CostsView } from '../CostsView.tsx';\nexport const p = CostsView;\n", rule: 'no-restricted-imports', message: /does not import components or views/ },
  "a feature's model does not import a store": { file: 'renderer/features/gpu-simulation/model/probe.ts', code: "import { useGpuRun } from '../store.ts';\nexport const p = useGpuRun;\n", rule: 'no-restricted-imports', message: /does not import stores/ },
  'shared renderer model does not import React': { file: 'renderer/model/probe.ts', code: "import { useMemo } from 'react';\nexport const p = useMemo;\n", rule: 'no-restricted-imports', message: /no React, stores or DOM/ },
  'shared renderer code does not import a feature (ui → features)': { file: 'renderer/ui/Probe.tsx', code: "import { CostsView } from '../features/costs/CostsView.tsx';\nexport const p = CostsView;\n", rule: 'import-x/no-restricted-paths', message: /renderer\/ui is shared and imports no feature/ },
  'a shared store does not import a feature': { file: 'renderer/stores/probe.ts', code: "import { useGpuRun } from '../features/gpu-simulation/store.ts';\nexport const p = useGpuRun;\n", rule: 'import-x/no-restricted-paths', message: /renderer\/stores is shared and imports no feature/ },
  'a feature does not import the shell': { file: 'renderer/features/costs/Probe.tsx', code: "import { App } from '../../shell/App.tsx';\nexport const p = App;\n", rule: 'import-x/no-restricted-paths', message: /only main.tsx imports the shell/ },
};

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

describe('the layer rules refuse an import that crosses them', () => {
  for (const [name, probe] of Object.entries(probes)) {
    it(name, async () => {
      const [result] = await eslint.lintText(probe.code, { filePath: path.join(repoRoot, probe.file) });
      const hits = result!.messages.filter((m) => m.ruleId === probe.rule);
      expect(hits.map((m) => m.message).join('\n')).toMatch(probe.message);
    });
  }

  it('the same imports within the rules pass (the probes fail for their crossing, not for being probes)', async () => {
    const [result] = await eslint.lintText("import { costBetween } from '../cost/compute.ts';\nexport const p = costBetween;\n", { filePath: path.join(repoRoot, 'sim/delivery/probe.ts') });
    expect(result!.messages.filter((m) => m.severity === 2)).toEqual([]);
    const [feature] = await eslint.lintText("import { NumberField } from '../../ui/NumberField.tsx';\nimport { money } from '../../model/format.ts';\nexport const p = [NumberField, money];\n", { filePath: path.join(repoRoot, 'renderer/features/costs/Probe.tsx') });
    expect(feature!.messages.filter((m) => m.severity === 2)).toEqual([]);
  });
});

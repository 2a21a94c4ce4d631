/** `podplan history …`: a team's delivery history, from its tracker's exports (issue #16). */
import type { CommandGroup } from '../command.ts';
import { historyImportCommand } from './history-import.ts';

export const historyGroup: CommandGroup = {
  path: 'podplan history',
  summary: 'Delivery history from tracker exports, for calibration.',
  subcommands: { import: historyImportCommand },
};

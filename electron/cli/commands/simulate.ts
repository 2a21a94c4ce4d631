/** `podplan simulate …`: the simulators from the command line. */
import type { CommandGroup } from '../command.ts';
import { simulateGpuCommand } from './simulate-gpu.ts';

export const simulateGroup: CommandGroup = {
  path: 'podplan simulate',
  summary: 'Run a simulator on a scenario file.',
  subcommands: {
    gpu: simulateGpuCommand,
  },
};

/** `podplan simulate …`: the simulators on the command line. */
import type { CommandGroup } from '../command.ts';
import { simulateDeliveryCommand } from './simulate-delivery.ts';
import { simulateGpuCommand } from './simulate-gpu.ts';

export const simulateGroup: CommandGroup = {
  path: 'podplan simulate',
  summary: 'Run a simulator on a scenario file.',
  subcommands: {
    delivery: simulateDeliveryCommand,
    gpu: simulateGpuCommand,
  },
};

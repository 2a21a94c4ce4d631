/** Whether a trace file is text at all (issue #13, finding 13); the check itself is `sim/formats/sniff.ts`, shared with the delivery history import. */
import { sniffText } from '../formats/sniff.ts';
import type { TraceRowProblem } from './types.ts';

/** Why the start of a file is not a text trace, or undefined. `head`: its first characters as decoded from UTF-8 (a BOM removed). */
export const sniffTraceText = (head: string): TraceRowProblem | undefined => sniffText(head, 'a text trace');

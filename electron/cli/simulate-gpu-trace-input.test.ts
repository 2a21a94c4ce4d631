/** `podplan simulate gpu --trace` with bad traces (issue #13, findings 4, 5, 13): refusals name the file and the line, or why the whole file. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './test-support.ts';

const PILOTS = fileURLToPath(new URL('../../data/samples/three-pilot-pods.podplan.json', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'podplan-trace-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const simulate = (args: string[]) => runCli(['simulate', 'gpu', PILOTS, ...args], { cwd: '/' });
const errorOf = (stdout: string) => (JSON.parse(stdout) as { error: { code: string; message: string; line?: number; file?: string } }).error;

describe('podplan simulate gpu --trace, bad input', () => {
  it('a binary file is refused up front with the reason, even with --format', async () => {
    const binary = file('junk.bin', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xff, 0xfe, 0x13, 0x37]));
    for (const extra of [[], ['--format', 'helios']]) {
      const result = await simulate(['--trace', binary, ...extra, '--json']);
      expect(result.code).toBe(1);
      expect(errorOf(result.stdout)).toMatchObject({ code: 'trace-not-text', line: 1, message: expect.stringMatching(/junk\.bin: the file is not a text trace: line 1 has the control character 0x03 \(character 3\): binary data/) });
    }
  });

  it('a value the simulator cannot take is a bad row with its file, line and column; skip runs the rest', async () => {
    const trace = file('huge.csv', 'id,submit_time,duration,user,gpus_per_pod,pods\na,0,60,pod-1,1,1\nb,0,60,pod-1,1,1e308\nc,10,60,pod-2,1,1\n');
    const skipped = await simulate(['--trace', trace]);
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toMatch(/huge\.csv line 3: pods "1e308" is beyond the simulator's bound of 150,000 pods/);
    const aborted = await simulate(['--trace', trace, '--bad-rows', 'abort', '--json']);
    expect(aborted.code).toBe(1);
    expect(errorOf(aborted.stdout)).toMatchObject({ code: 'trace-aborted', line: 3, message: expect.stringMatching(/stopped at huge\.csv line 3: pods "1e308"/) });
  });

  it('PAI --bad-rows abort stops at the first bad line in file order, found only once the tables are joined', async () => {
    const trace = file('pai.csv', 'j0,i0,pod-1,Terminated,100,1200\nj1,i1,pod-1,Terminated,100,1200\nj0,w,1,Terminated,160,1160,600,32,100,V100\nj9,w,x,Terminated,160,1160,600,32,100,V100\n');
    const result = await simulate(['--trace', trace, '--format', 'pai', '--bad-rows', 'abort', '--json']);
    expect(result.code).toBe(1);
    expect(errorOf(result.stdout)).toMatchObject({ line: 2, message: expect.stringMatching(/pai\.csv line 2: job_name "j1" has no task/) });
  });

  it('a file with a header and no rows is refused as a whole, not blamed on --bad-rows', async () => {
    const trace = file('empty.csv', 'id,submit_time,duration,user,gpus_per_pod\n');
    const result = await simulate(['--trace', trace, '--json']);
    expect(result.code).toBe(1);
    const error = errorOf(result.stdout);
    expect(error.message).toMatch(/The trace empty\.csv cannot be imported \(line 1\): the file has no job rows after its header/);
    expect(error.message).not.toMatch(/--bad-rows/);
  });

  it('a file whose only row is one 2 MB line is refused naming the line and the limit, not simulated as zero jobs', async () => {
    const trace = file('one-line.csv', `id,submit_time,duration,user,gpus_per_pod\n${'abcdefgh'.repeat(262_144)}`);
    const result = await simulate(['--trace', trace, '--json']);
    expect(result.code).toBe(1);
    expect(errorOf(result.stdout)).toMatchObject({ line: 2, message: expect.stringMatching(/one-line\.csv cannot be imported \(line 2\): no job of the trace could be imported: all 1 rows are bad, the first at line 2: line 2 is longer than the limit of 1,048,576 characters/) });
  });
});

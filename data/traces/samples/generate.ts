/**
 * Writes the sample traces in this folder: small, made-up jobs (seeded, so
 * every run writes the same bytes) in each public layout, for the teams of
 * the "Three pilot pods" sample scenario. Each file has one deliberately bad
 * row, so the import's problem report has something to show.
 *
 *   node data/traces/samples/generate.ts
 *
 * Users and teams: ana, ben → pod-1 (recommendations); chen, dara → pod-2
 * (search-relevance); eli, fay → pod-3 (support-assistant); gus, hana →
 * ai-platform. Virtual clusters (Philly, Helios, generic) are the teams'
 * ClusterQueue names, so `--map-by vc` maps them as they are.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Prng, drawDiscrete } from '../../../sim/gpu-sim/prng.ts';

export const SAMPLE_TEAMS = [
  { team: 'pod-1', vc: 'recommendations', users: ['ana', 'ben'] },
  { team: 'pod-2', vc: 'search-relevance', users: ['chen', 'dara'] },
  { team: 'pod-3', vc: 'support-assistant', users: ['eli', 'fay'] },
  { team: 'ai-platform', vc: 'ai-platform', users: ['gus', 'hana'] },
] as const;

/** user → team, as `--map` takes it. */
export const SAMPLE_USER_MAP: Readonly<Record<string, string>> = Object.fromEntries(SAMPLE_TEAMS.flatMap((t) => t.users.map((u) => [u, t.team])));

interface Job {
  index: number;
  user: string;
  vc: string;
  /** Seconds after the trace start. */
  submit: number;
  wait: number;
  duration: number;
  pods: number;
  gpusPerPod: number;
}

function jobs(seed: number, count: number, days: number): Job[] {
  const prng = new Prng(seed);
  const list: Job[] = [];
  let t = 0;
  for (let i = 0; i < count; i++) {
    t += prng.exponential((days * 86_400) / count);
    const team = SAMPLE_TEAMS[prng.int(SAMPLE_TEAMS.length)]!;
    const gpusPerPod = drawDiscrete(prng, { 1: 0.35, 2: 0.25, 4: 0.25, 8: 0.15 });
    const pods = gpusPerPod === 8 ? drawDiscrete(prng, { 1: 0.7, 2: 0.3 }) : 1;
    list.push({
      index: i,
      user: team.users[prng.int(team.users.length)]!,
      vc: team.vc,
      submit: Math.round(t),
      wait: Math.round(prng.exponential(600)),
      duration: Math.max(300, Math.min(48 * 3600, Math.round(prng.lognormal(1.5, 6) * 3600))),
      pods,
      gpusPerPod,
    });
  }
  return list;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** "YYYY-MM-DD HH:MM:SS" for seconds after a UTC midnight given as [y, m, d]. */
function datetime(base: readonly [number, number, number], seconds: number): string {
  const [y, m, d] = base;
  const day = Math.floor(seconds / 86_400);
  const rest = seconds - day * 86_400;
  // Samples span a few days inside one month, so day arithmetic stays simple.
  return `${y}-${pad(m)}-${pad(d + day)} ${pad(Math.floor(rest / 3600))}:${pad(Math.floor((rest % 3600) / 60))}:${pad(rest % 60)}`;
}

function philly(): string {
  const base = [2017, 10, 2] as const;
  const entries = jobs(11, 150, 3).map((job) => {
    const start = job.submit + job.wait;
    // One job in ten ran twice (a failed first attempt), as Philly's retries do.
    const retried = job.index % 10 === 3;
    const machines = Array.from({ length: job.pods }, (_, m) => ({ ip: `10.0.${job.index % 250}.${m + 1}`, gpus: Array.from({ length: job.gpusPerPod }, (_, g) => `gpu${g}`) }));
    const attempts = retried
      ? [
          { start_time: datetime(base, start), end_time: datetime(base, start + 120), detail: machines },
          { start_time: datetime(base, start + 180), end_time: datetime(base, start + 180 + job.duration), detail: machines },
        ]
      : [{ start_time: datetime(base, start), end_time: datetime(base, start + job.duration), detail: machines }];
    // The bad row: a job whose machines list no GPUs.
    if (job.index === 42) attempts[0]!.detail = [{ ip: '10.0.42.1', gpus: [] }];
    return { status: retried ? 'Pass' : job.index % 7 === 0 ? 'Killed' : 'Pass', vc: job.vc, jobid: `application_1506638472019_${pad(job.index + 1, 5)}`, attempts, submitted_time: datetime(base, job.submit), user: job.user };
  });
  return `[\n${entries.map((e) => `  ${JSON.stringify(e)}`).join(',\n')}\n]\n`;
}

function helios(): string {
  const base = [2020, 4, 1] as const;
  const rows = ['job_id,user,vc,gpu_num,cpu_num,node_num,state,submit_time,start_time,end_time,duration'];
  for (const job of jobs(22, 150, 3)) {
    const start = job.submit + job.wait;
    const gpus = job.pods * job.gpusPerPod;
    let end = datetime(base, start + job.duration);
    // The bad row: an end before the start.
    if (job.index === 57) end = datetime(base, start - 3600);
    rows.push([`${job.index + 1000}`, job.user, job.vc, gpus, gpus * 6, job.pods, job.index % 9 === 0 ? 'FAILED' : 'COMPLETED', datetime(base, job.submit), datetime(base, start), end, job.index === 57 ? '' : job.duration].join(','));
  }
  return `${rows.join('\n')}\n`;
}

function pai(): string {
  const origin = 5_000_000;
  const list = jobs(33, 80, 2);
  const jobRows = ['job_name,inst_id,user,status,start_time,end_time'];
  const taskRows = ['job_name,task_name,inst_num,status,start_time,end_time,plan_cpu,plan_mem,plan_gpu,gpu_type'];
  for (const job of list) {
    const name = `pai-${(job.index * 2_654_435_761 >>> 0).toString(16).padStart(8, '0')}`;
    const submit = origin + job.submit;
    const start = submit + job.wait;
    const end = start + job.duration;
    jobRows.push([name, `inst-${job.index}`, job.user, 'Terminated', submit, end].join(','));
    taskRows.push([name, 'worker', job.pods, 'Terminated', start, end, job.gpusPerPod * 600, job.gpusPerPod * 48, job.gpusPerPod * 100, 'V100'].join(','));
    // Every third job has a CPU-only parameter server; the bad row is one with its end before its start.
    if (job.index % 3 === 0) taskRows.push([name, 'ps', 1, 'Terminated', start, job.index === 12 ? start - 60 : end, 400, 16, '', ''].join(','));
  }
  return `${jobRows.join('\n')}\n${taskRows.join('\n')}\n`;
}

function openb(): string {
  const rows = ['name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time'];
  for (const job of jobs(44, 150, 3)) {
    const created = 100 + job.submit;
    const scheduled = created + job.wait;
    const gpus: string | number = job.index === 88 ? 'two' : job.gpusPerPod;
    rows.push([`${job.user}-${pad(job.index, 4)}`, job.gpusPerPod * 6000, job.gpusPerPod * 49_152, gpus, 1000, job.index % 4 === 0 ? 'V100M32' : '', job.index % 5 === 0 ? 'BE' : 'LS', 'Succeeded', created, scheduled + job.duration, scheduled].join(','));
  }
  return `${rows.join('\n')}\n`;
}

function generic(): string {
  const rows = ['id,submit_time,duration,user,vc,gpus_per_pod,pods,cpu_per_pod,memory_gib_per_pod,priority,flavor'];
  for (const job of jobs(55, 150, 3)) {
    const priority = job.gpusPerPod <= 1 ? 'experiment' : 'training';
    const flavor = job.index % 6 === 0 ? 'h100' : '';
    rows.push([`job-${pad(job.index, 4)}`, job.submit, job.index === 101 ? -5 : job.duration, job.user, job.vc, job.gpusPerPod, job.pods, job.gpusPerPod * 6, job.gpusPerPod * 48, priority, flavor].join(','));
  }
  return `${rows.join('\n')}\n`;
}

/** File name → contents. */
export function sampleTraces(): Record<string, string> {
  return {
    'philly-sample.json': philly(),
    'helios-sample.csv': helios(),
    'pai-sample.csv': pai(),
    'openb-sample.csv': openb(),
    'generic-sample.csv': generic(),
  };
}

if (import.meta.main) {
  for (const [name, text] of Object.entries(sampleTraces())) writeFileSync(fileURLToPath(new URL(name, import.meta.url)), text);
}

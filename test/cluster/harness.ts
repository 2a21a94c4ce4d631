// A real kube-apiserver + etcd on loopback for tests (see README.md).
//
// startTestCluster() generates a throwaway CA and certificates with the
// `openssl` CLI, starts etcd and kube-apiserver (built by build.sh) on free
// 127.0.0.1 ports with their data in a temp dir, waits for /readyz, sets up
// RBAC for a restricted user, installs Kueue's CRDs and waits until they are
// Established. Each process runs in its own process group; stop() kills the
// groups and removes the temp dir, an 'exit' hook kills whatever is left, and a
// tiny shell watchdog does the same if the Node process dies without running
// its hooks (SIGKILL, OOM).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import https from 'node:https';
import net from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import YAML from 'yaml';

const execFileAsync = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));

export const RESTRICTED_USER = 'podplan-restricted';
export const RESTRICTED_NAMESPACE = 'team-restricted';
const HARNESS_FIELD_MANAGER = 'podplan-test-harness';

export interface TestClusterOptions {
  /** Install Kueue's CRDs and wait until they are Established (default true). */
  installKueueCrds?: boolean;
  /** Which Kueue release's CRDs (one of versions.env's KUEUE_VERSIONS; default defaultKueueRelease()). */
  kueueRelease?: string;
  /** Keep the temp dir (certs, kubeconfigs, logs, etcd data) after stop(). Also PODPLAN_CLUSTER_KEEP=1. */
  keepDir?: boolean;
  /** How long to wait for etcd, /readyz and the CRDs (default 120 s). */
  startTimeoutMs?: number;
  /** Progress messages (default: silent). */
  log?: (message: string) => void;
}

export interface TestCluster {
  /** Admin kubeconfig (client cert in system:masters). Also has the restricted context. */
  kubeconfigPath: string;
  /** Kubeconfig of user `podplan-restricted`: read everything, write only in `team-restricted`. */
  restrictedKubeconfigPath: string;
  /** https://127.0.0.1:<port> */
  server: string;
  /** PEM of the CA that signed the serving and client certificates. */
  caPem: string;
  /** gitVersion the server reports, e.g. v1.35.4. */
  k8sVersion: string;
  /** The Kueue release whose CRDs are installed (e.g. v0.19.2); null when none are. */
  kueueRelease: string | null;
  /** Temp dir holding certs, kubeconfigs, logs and etcd data. */
  dir: string;
  /** Kill the API server alone (etcd keeps running). Default signal SIGKILL, like a crash. */
  killApiServer(signal?: NodeJS.Signals): Promise<void>;
  /** Start the API server again on the same port with the same data; resolves when /readyz is ok. */
  restartApiServer(): Promise<void>;
  /** Stop everything and remove the temp dir. Safe to call twice. */
  stop(): Promise<void>;
}

export interface ClusterAssets {
  binDir: string;
  /** The CRDs of the release asked for (default: defaultKueueRelease()). */
  crdsDir: string | null;
  kueueRelease: string;
  /** Version the cache dir is named after (versions.env), or null for KUBEBUILDER_ASSETS. */
  pinnedVersion: string | null;
}

/** Reads test/cluster/versions.env: `kueue` is the shared cluster's release, `kueueReleases` every release build.sh fetches. */
export function pinnedVersions(): { k8s: string; kueue: string; kueueReleases: string[] } {
  const text = readFileSync(join(here, 'versions.env'), 'utf8');
  const get = (key: string): string => {
    const match = new RegExp(`^${key}="?([^"\\n]+)"?`, 'm').exec(text);
    if (!match?.[1]) throw new Error(`versions.env has no ${key}`);
    return match[1].trim();
  };
  return { k8s: get('K8S_VERSION'), kueue: get('KUEUE_VERSION'), kueueReleases: get('KUEUE_VERSIONS').split(/\s+/) };
}

/** The Kueue release the shared test cluster installs: $PODPLAN_KUEUE_VERSION, else versions.env's KUEUE_VERSION. */
export function defaultKueueRelease(): string {
  return process.env.PODPLAN_KUEUE_VERSION || pinnedVersions().kueue;
}

/** Where build.sh puts a release's CRDs: <cache>/kueue-crds/<release>/. */
export function kueueCrdsDir(release: string): string {
  return join(clusterCacheDir(), 'kueue-crds', release);
}

export function clusterCacheDir(): string {
  return join(process.env.PODPLAN_CLUSTER_CACHE || join(homedir(), '.cache', 'podplan', 'cluster'), pinnedVersions().k8s);
}

/**
 * Finds kube-apiserver, etcd and the Kueue CRDs: the build.sh cache, or a
 * directory named by KUBEBUILDER_ASSETS (envtest's convention) holding both
 * binaries. Returns a reason string when something is missing.
 */
export function findClusterAssets(kueueRelease = defaultKueueRelease()): ClusterAssets | string {
  const hasBinaries = (dir: string): boolean => existsSync(join(dir, 'kube-apiserver')) && existsSync(join(dir, 'etcd'));
  const cache = clusterCacheDir();
  const { kueueReleases } = pinnedVersions();
  if (!kueueReleases.includes(kueueRelease)) return `Kueue ${kueueRelease} is not one of versions.env's KUEUE_VERSIONS (${kueueReleases.join(', ')})`;
  const wanted = kueueCrdsDir(kueueRelease);
  const crdsDir = existsSync(join(wanted, 'KUEUE_VERSION')) ? wanted : null;
  const assets = process.env.KUBEBUILDER_ASSETS;
  const useAssets = Boolean(assets && hasBinaries(assets));
  const binDir = assets && useAssets ? assets : join(cache, 'bin');
  if (!useAssets && !hasBinaries(binDir)) return `kube-apiserver/etcd are not built in ${binDir} (run test/cluster/build.sh)`;
  if (!crdsDir) return `Kueue ${kueueRelease} CRDs are missing in ${wanted} (run test/cluster/build.sh)`;
  return { binDir, crdsDir, kueueRelease, pinnedVersion: useAssets ? null : pinnedVersions().k8s };
}

/** Why the cluster cannot start here (with that Kueue release's CRDs), or null when it can. */
export async function clusterUnavailableReason(kueueRelease?: string): Promise<string | null> {
  const assets = findClusterAssets(kueueRelease);
  if (typeof assets === 'string') return assets;
  try {
    await execFileAsync('openssl', ['version']);
  } catch {
    return 'the openssl CLI is not installed (needed to generate test certificates)';
  }
  return null;
}

// ---------------------------------------------------------------------------
// Process groups: killed on stop(), on process exit, and by the watchdog.

const liveGroups = new Set<number>();
let exitHookInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
  });
}

interface Proc {
  child: ChildProcess;
  exited: Promise<number | null>;
  logPath: string;
}

/** The process groups of one cluster, mirrored into a file the watchdog reads. */
class GroupFile {
  private readonly groups = new Set<number>();
  private readonly path: string;
  constructor(path: string) {
    this.path = path;
  }
  add(pid: number): void {
    this.groups.add(pid);
    this.write();
  }
  delete(pid: number): void {
    this.groups.delete(pid);
    this.write();
  }
  private write(): void {
    try {
      writeFileSync(this.path, `${[...this.groups].join(' ')}\n`);
    } catch {
      // the temp dir is already gone
    }
  }
}

function startProcess(bin: string, args: string[], logPath: string, groupFile: GroupFile): Proc {
  const fd = openSync(logPath, 'a');
  let child: ChildProcess;
  try {
    child = spawn(bin, args, { detached: true, stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${bin}`);
  liveGroups.add(pid);
  groupFile.add(pid);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      liveGroups.delete(pid);
      killGroup(pid, 'SIGKILL'); // anything the process left behind in its group
      groupFile.delete(pid);
      resolve(code);
    });
    child.once('error', () => resolve(null));
  });
  return { child, exited, logPath };
}

async function stopProcess(proc: Proc | null, signal: NodeJS.Signals = 'SIGTERM', graceMs = 5_000): Promise<void> {
  if (!proc || proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  const pid = proc.child.pid;
  if (pid === undefined) return;
  killGroup(pid, signal);
  const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
  await proc.exited;
  clearTimeout(timer);
}

function logTail(path: string, lines = 30): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------
// Certificates (openssl CLI; Node's crypto cannot issue X.509 certificates).

interface Pki {
  caCert: string;
  caKey: string;
  servingCert: string;
  servingKey: string;
  adminCert: string;
  adminKey: string;
  restrictedCert: string;
  restrictedKey: string;
  saPublic: string;
  saPrivate: string;
}

async function openssl(args: string[], cwd: string): Promise<void> {
  try {
    await execFileAsync('openssl', args, { cwd });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`openssl ${args.slice(0, 2).join(' ')} failed: ${stderr || String(error)}`, { cause: error });
  }
}

async function issue(dir: string, name: string, subject: string, extensions: string[]): Promise<void> {
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await openssl(['req', '-new', ...ecKey, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject], dir);
  await writeFile(join(dir, `${name}.ext`), `${extensions.join('\n')}\n`);
  // A serial of its own per certificate: the three are signed in parallel, and a shared
  // `-CAcreateserial` file (ca.srl) raced ("Unable to load number from ca.srl").
  const serial = `0x${randomBytes(16).toString('hex')}`;
  await openssl(
    ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', serial, '-days', '30', '-sha256', '-extfile', `${name}.ext`, '-out', `${name}.crt`],
    dir,
  );
}

async function generatePki(dir: string): Promise<Pki> {
  await openssl(
    [
      'req', '-x509', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '30', '-sha256', '-subj', '/CN=podplan-test-ca',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  const leaf = (usage: string): string[] => ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature,keyEncipherment', `extendedKeyUsage=${usage}`];
  await Promise.all([
    issue(dir, 'serving', '/CN=kube-apiserver', [
      ...leaf('serverAuth'),
      'subjectAltName=IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local',
    ]),
    issue(dir, 'admin', '/O=system:masters/CN=podplan-admin', leaf('clientAuth')),
    issue(dir, 'restricted', `/O=podplan-testers/CN=${RESTRICTED_USER}`, leaf('clientAuth')),
  ]);
  const sa = generateKeyPairSync('ec', {
    namedCurve: 'prime256v1',
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  await writeFile(join(dir, 'sa.pub'), sa.publicKey);
  await writeFile(join(dir, 'sa.key'), sa.privateKey, { mode: 0o600 });
  const read = (file: string): Promise<string> => readFile(join(dir, file), 'utf8');
  return {
    caCert: await read('ca.crt'),
    caKey: await read('ca.key'),
    servingCert: await read('serving.crt'),
    servingKey: await read('serving.key'),
    adminCert: await read('admin.crt'),
    adminKey: await read('admin.key'),
    restrictedCert: await read('restricted.crt'),
    restrictedKey: await read('restricted.key'),
    saPublic: sa.publicKey,
    saPrivate: sa.privateKey,
  };
}

function kubeconfigYaml(server: string, caPem: string, users: { context: string; user: string; cert: string; key: string }[]): string {
  const b64 = (pem: string): string => Buffer.from(pem).toString('base64');
  return YAML.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'podplan-test', cluster: { server, 'certificate-authority-data': b64(caPem) } }],
    users: users.map((u) => ({ name: u.user, user: { 'client-certificate-data': b64(u.cert), 'client-key-data': b64(u.key) } })),
    contexts: users.map((u) => ({ name: u.context, context: { cluster: 'podplan-test', user: u.user } })),
    'current-context': users[0]?.context ?? '',
  });
}

// ---------------------------------------------------------------------------
// A minimal HTTPS client for the harness's own setup requests.

interface Credentials {
  ca: string;
  cert: string;
  key: string;
}

interface HttpResult {
  status: number;
  body: string;
}

function request(server: string, creds: Credentials, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = https.request(
      new URL(path, server),
      {
        method,
        ca: creds.ca,
        cert: creds.cert,
        key: creds.key,
        timeout: 10_000,
        headers: { accept: 'application/json', ...(payload ? { 'content-type': contentType, 'content-length': Buffer.byteLength(payload) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}

interface ApplyTarget {
  path: string;
  body: Record<string, unknown>;
}

async function apply(server: string, creds: Credentials, target: ApplyTarget): Promise<void> {
  const query = `?fieldManager=${HARNESS_FIELD_MANAGER}&force=true`;
  const res = await request(server, creds, 'PATCH', target.path + query, target.body, 'application/apply-patch+yaml');
  if (res.status >= 300) throw new Error(`apply ${target.path}: HTTP ${res.status}: ${res.body}`);
}

function restrictedRbac(): ApplyTarget[] {
  const rbac = '/apis/rbac.authorization.k8s.io/v1';
  const meta = (name: string, namespace?: string): Record<string, string> => ({ name, ...(namespace ? { namespace } : {}) });
  const subject = [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: RESTRICTED_USER }];
  const read = 'podplan-restricted-read';
  const write = 'podplan-restricted-write';
  return [
    { path: `/api/v1/namespaces/${RESTRICTED_NAMESPACE}`, body: { apiVersion: 'v1', kind: 'Namespace', metadata: meta(RESTRICTED_NAMESPACE) } },
    {
      path: `${rbac}/clusterroles/${read}`,
      body: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: meta(read),
        rules: [
          { apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list', 'watch'] },
          { nonResourceURLs: ['*'], verbs: ['get'] },
        ],
      },
    },
    {
      path: `${rbac}/clusterrolebindings/${read}`,
      body: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: meta(read), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: read }, subjects: subject },
    },
    {
      path: `${rbac}/namespaces/${RESTRICTED_NAMESPACE}/roles/${write}`,
      body: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: meta(write, RESTRICTED_NAMESPACE),
        rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['create', 'patch', 'update', 'delete', 'deletecollection'] }],
      },
    },
    {
      path: `${rbac}/namespaces/${RESTRICTED_NAMESPACE}/rolebindings/${write}`,
      body: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: meta(write, RESTRICTED_NAMESPACE),
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: write },
        subjects: subject,
      },
    },
  ];
}

interface Crd {
  metadata: { name: string };
  spec: { group: string; versions: { name: string; served: boolean }[]; names: { plural: string } };
  status?: { conditions?: { type: string; status: string }[] };
}

async function installCrds(server: string, creds: Credentials, crdsDir: string, deadline: number): Promise<Crd[]> {
  const files = (await readdir(crdsDir)).filter((f) => f.endsWith('.yaml')).sort();
  const crds: Crd[] = [];
  for (const file of files) {
    for (const doc of YAML.parseAllDocuments(await readFile(join(crdsDir, file), 'utf8'))) {
      const crd = doc.toJS() as Crd | null;
      if (crd?.metadata?.name) crds.push(crd);
    }
  }
  const base = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
  await Promise.all(crds.map((crd) => apply(server, creds, { path: `${base}/${crd.metadata.name}`, body: crd as unknown as Record<string, unknown> })));
  for (const crd of crds) {
    for (;;) {
      const res = await request(server, creds, 'GET', `${base}/${crd.metadata.name}`);
      const live = res.status === 200 ? (JSON.parse(res.body) as Crd) : null;
      if (live?.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) break;
      if (Date.now() > deadline) throw new Error(`CRD ${crd.metadata.name} did not become Established`);
      await sleep(100);
    }
  }
  return crds;
}

/**
 * Waits until every served version of the CRDs is in discovery and can be
 * listed: Established comes first, and right after it (and after an API
 * server restart) lists answer 429 "storage is (re)initializing" for a while.
 */
async function waitCrdsServed(server: string, creds: Credentials, crds: Crd[], deadline: number): Promise<void> {
  for (const crd of crds) {
    for (const version of crd.spec.versions.filter((v) => v.served)) {
      const groupVersion = `/apis/${crd.spec.group}/${version.name}`;
      for (;;) {
        const discovery = await request(server, creds, 'GET', groupVersion).catch(() => null);
        const listed =
          discovery?.status === 200 && (JSON.parse(discovery.body) as { resources?: { name: string }[] }).resources?.some((r) => r.name === crd.spec.names.plural)
            ? await request(server, creds, 'GET', `${groupVersion}/${crd.spec.names.plural}?limit=1`).catch(() => null)
            : null;
        if (listed?.status === 200) break;
        if (Date.now() > deadline) throw new Error(`${crd.spec.names.plural}.${crd.spec.group}/${version.name} is not served (last: HTTP ${listed?.status ?? discovery?.status ?? 'none'})`);
        await sleep(100);
      }
    }
  }
}

// ---------------------------------------------------------------------------

export async function startTestCluster(options: TestClusterOptions = {}): Promise<TestCluster> {
  const log = options.log ?? ((): void => {});
  const timeoutMs = options.startTimeoutMs ?? 120_000;
  const keepDir = options.keepDir ?? process.env.PODPLAN_CLUSTER_KEEP === '1';
  const assets = findClusterAssets(options.kueueRelease);
  if (typeof assets === 'string') throw new Error(`cannot start test cluster: ${assets}`);
  const installKueue = options.installKueueCrds ?? true;
  if (installKueue && !assets.crdsDir) throw new Error('cannot start test cluster: Kueue CRDs are missing (run test/cluster/build.sh)');

  installExitHook();
  const started = Date.now();
  const dir = await mkdtemp(join(tmpdir(), 'podplan-cluster-'));
  let etcd: Proc | null = null;
  let apiserver: Proc | null = null;
  let watchdog: ChildProcess | null = null;
  let stopped = false;
  let crds: Crd[] = [];

  const groupFile = new GroupFile(join(dir, 'pgids'));

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await stopProcess(apiserver);
    await stopProcess(etcd);
    if (watchdog?.pid !== undefined) killGroup(watchdog.pid, 'SIGKILL');
    if (!keepDir) rmSync(dir, { recursive: true, force: true });
    log(`test cluster stopped${keepDir ? ` (kept ${dir})` : ''}`);
  };

  try {
    // The watchdog kills the process groups and removes the dir once this
    // Node process is gone, however it went.
    watchdog = spawn(
      'sh',
      ['-c', 'while kill -0 "$1" 2>/dev/null && [ -d "$2" ]; do sleep 1; done; [ -d "$2" ] || exit 0; for g in $(cat "$2/pgids" 2>/dev/null); do kill -9 "-$g" 2>/dev/null; done; [ "$3" = 1 ] || rm -rf "$2"', 'podplan-cluster-watchdog', String(process.pid), dir, keepDir ? '1' : '0'],
      { detached: true, stdio: 'ignore' },
    );
    watchdog.unref();

    const pki = await generatePki(dir);
    const [etcdClientPort, etcdPeerPort, securePort] = [await freePort(), await freePort(), await freePort()];
    const server = `https://127.0.0.1:${securePort}`;
    const adminCreds: Credentials = { ca: pki.caCert, cert: pki.adminCert, key: pki.adminKey };
    const deadline = Date.now() + timeoutMs;
    log(`certificates in ${dir}`);

    const etcdClient = `http://127.0.0.1:${etcdClientPort}`;
    const etcdPeer = `http://127.0.0.1:${etcdPeerPort}`;
    etcd = startProcess(
      join(assets.binDir, 'etcd'),
      [
        '--name=default', `--data-dir=${join(dir, 'etcd')}`,
        `--listen-client-urls=${etcdClient}`, `--advertise-client-urls=${etcdClient}`,
        `--listen-peer-urls=${etcdPeer}`, `--initial-advertise-peer-urls=${etcdPeer}`, `--initial-cluster=default=${etcdPeer}`,
        '--unsafe-no-fsync', '--log-level=warn',
      ],
      join(dir, 'etcd.log'),
      groupFile,
    );

    const apiserverArgs = [
      `--etcd-servers=${etcdClient}`,
      `--cert-dir=${join(dir, 'apiserver-certs')}`,
      '--bind-address=127.0.0.1', '--advertise-address=127.0.0.1', `--secure-port=${securePort}`,
      `--tls-cert-file=${join(dir, 'serving.crt')}`, `--tls-private-key-file=${join(dir, 'serving.key')}`,
      `--client-ca-file=${join(dir, 'ca.crt')}`,
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${join(dir, 'sa.pub')}`, `--service-account-signing-key-file=${join(dir, 'sa.key')}`,
      '--service-cluster-ip-range=10.0.0.0/24',
      '--authorization-mode=RBAC',
      '--disable-admission-plugins=ServiceAccount',
      '--allow-privileged=true',
      '--profiling=false',
    ];
    const waitReady = async (until: number): Promise<void> => {
      for (;;) {
        const proc = apiserver;
        if (!proc || proc.child.exitCode !== null || proc.child.signalCode !== null) {
          throw new Error(`kube-apiserver exited during startup; last log lines:\n${logTail(join(dir, 'kube-apiserver.log'))}`);
        }
        if (etcd && (etcd.child.exitCode !== null || etcd.child.signalCode !== null)) {
          throw new Error(`etcd exited; last log lines:\n${logTail(join(dir, 'etcd.log'))}`);
        }
        try {
          const res = await request(server, adminCreds, 'GET', '/readyz');
          if (res.status === 200) return;
        } catch {
          // not listening yet
        }
        if (Date.now() > until) throw new Error(`kube-apiserver not ready after ${timeoutMs} ms; last log lines:\n${logTail(join(dir, 'kube-apiserver.log'))}`);
        await sleep(250);
      }
    };
    const startApiServer = (): void => {
      apiserver = startProcess(join(assets.binDir, 'kube-apiserver'), apiserverArgs, join(dir, 'kube-apiserver.log'), groupFile);
    };

    startApiServer();
    await waitReady(deadline);
    log(`kube-apiserver ready at ${server} after ${Date.now() - started} ms`);

    const versionRes = await request(server, adminCreds, 'GET', '/version');
    const k8sVersion = (JSON.parse(versionRes.body) as { gitVersion: string }).gitVersion;

    for (const target of restrictedRbac()) await apply(server, adminCreds, target);
    if (installKueue && assets.crdsDir) {
      crds = await installCrds(server, adminCreds, assets.crdsDir, deadline);
      await waitCrdsServed(server, adminCreds, crds, deadline);
      log(`Kueue CRDs Established after ${Date.now() - started} ms`);
    }

    const kubeconfigPath = join(dir, 'kubeconfig.yaml');
    const restrictedKubeconfigPath = join(dir, 'kubeconfig-restricted.yaml');
    const admin = { context: 'podplan-test-admin', user: 'podplan-admin', cert: pki.adminCert, key: pki.adminKey };
    const restricted = { context: 'podplan-test-restricted', user: RESTRICTED_USER, cert: pki.restrictedCert, key: pki.restrictedKey };
    await writeFile(kubeconfigPath, kubeconfigYaml(server, pki.caCert, [admin, restricted]), { mode: 0o600 });
    await writeFile(restrictedKubeconfigPath, kubeconfigYaml(server, pki.caCert, [restricted]), { mode: 0o600 });

    return {
      kubeconfigPath,
      restrictedKubeconfigPath,
      server,
      caPem: pki.caCert,
      k8sVersion,
      kueueRelease: installKueue ? assets.kueueRelease : null,
      dir,
      async killApiServer(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
        await stopProcess(apiserver, signal);
      },
      async restartApiServer(): Promise<void> {
        if (stopped) throw new Error('test cluster is stopped');
        await stopProcess(apiserver);
        startApiServer();
        const until = Date.now() + timeoutMs;
        await waitReady(until);
        await waitCrdsServed(server, adminCreds, crds, until);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

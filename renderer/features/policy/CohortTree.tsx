/**
 * The cohort hierarchy as a tree: root cohorts, their child cohorts, and the
 * team queues that borrow and lend within each. Cohorts that queues name but
 * no Cohort object defines are shown as implicit (Kueue creates them).
 */
import type { Cluster } from '../../../sim/cluster/schema.ts';

interface Node {
  name: string;
  implicit: boolean;
  weight?: string;
  children: Node[];
  queues: string[];
}

export function cohortForest(cluster: Cluster): { roots: Node[]; loose: string[] } {
  const nodes = new Map<string, Node>();
  const node = (name: string, implicit: boolean): Node => {
    let n = nodes.get(name);
    if (!n) {
      n = { name, implicit, children: [], queues: [] };
      nodes.set(name, n);
    }
    return n;
  };
  for (const c of cluster.cohorts) {
    const n = node(c.name, false);
    n.implicit = false;
    if (c.fairSharingWeight) n.weight = c.fairSharingWeight;
  }
  for (const c of cluster.cohorts) if (c.parentName) node(c.parentName, true);
  const loose: string[] = [];
  for (const q of cluster.queues) {
    if (q.cohortName) node(q.cohortName, true).queues.push(q.clusterQueue || '(unnamed)');
    else loose.push(q.clusterQueue || '(unnamed)');
  }
  const parentOf = new Map(cluster.cohorts.map((c) => [c.name, c.parentName]));
  const roots: Node[] = [];
  for (const n of nodes.values()) {
    const parent = parentOf.get(n.name);
    // A cohort in a cycle is shown as a root so that it is not lost (validation flags the cycle).
    let cyclic = false;
    const seen = new Set([n.name]);
    for (let at = parent; at !== undefined; at = parentOf.get(at)) {
      if (seen.has(at)) {
        cyclic = true;
        break;
      }
      seen.add(at);
    }
    if (parent && !cyclic) nodes.get(parent)?.children.push(n);
    else roots.push(n);
  }
  return { roots, loose };
}

function Branch({ node }: { node: Node }) {
  return (
    <li>
      <span className={`tree-cohort${node.implicit ? ' is-implicit' : ''}`}>
        <span aria-hidden="true">◆ </span>
        {node.name}
        {node.implicit ? <span className="muted small"> (implicit: no Cohort object)</span> : null}
        {node.weight ? <span className="muted small"> · weight {node.weight}</span> : null}
      </span>
      {node.children.length || node.queues.length ? (
        <ul>
          {node.children.map((child) => (
            <Branch key={child.name} node={child} />
          ))}
          {node.queues.map((q, i) => (
            <li key={`${q}-${i}`} className="tree-queue">
              <span aria-hidden="true">▪ </span>
              {q}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export function CohortTree({ cluster }: { cluster: Cluster }) {
  const { roots, loose } = cohortForest(cluster);
  if (roots.length === 0 && loose.length === 0) return <p className="muted small">No cohorts or queues yet.</p>;
  return (
    <div className="cohort-tree" aria-label="Cohort tree" role="group">
      <ul>
        {roots.map((root) => (
          <Branch key={root.name} node={root} />
        ))}
        {loose.length ? (
          <li>
            <span className="tree-cohort is-none">No cohort (no borrowing or lending)</span>
            <ul>
              {loose.map((q, i) => (
                <li key={`${q}-${i}`} className="tree-queue">
                  <span aria-hidden="true">▪ </span>
                  {q}
                </li>
              ))}
            </ul>
          </li>
        ) : null}
      </ul>
    </div>
  );
}

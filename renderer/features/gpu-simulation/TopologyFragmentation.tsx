/**
 * How each TAS flavor's free GPUs are spread over its racks and blocks at
 * the end of the run: the free GPUs and the most free in any one domain of
 * each level, so "12 GPUs free but no rack has 16" can be read off.
 */
import type { TopologyFragmentation as Fragmentation } from '../../../sim/gpu-sim/index.ts';
import { plural } from '../../model/text.ts';

export function TopologyFragmentation({ entries }: { entries: readonly Fragmentation[] }) {
  if (entries.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="gpu-topology-title">
      <h3 id="gpu-topology-title">Topology: free GPUs by level at the end of the run</h3>
      {entries.map((e) => (
        <table key={e.flavor} className="table compact-table gpu-topology-table" aria-label={`Free GPUs by level of ${e.flavor}`}>
          <caption className="small muted">
            {e.flavor} (Topology {e.topology}): a job whose pods must share a domain needs them free in one domain, not over the flavor.
          </caption>
          <thead>
            <tr>
              <th scope="col">Level</th>
              <th scope="col" className="num">Domains</th>
              <th scope="col" className="num">GPUs free</th>
              <th scope="col" className="num">Most free in one</th>
            </tr>
          </thead>
          <tbody>
            {e.levels.map((l) => (
              <tr key={l.level}>
                <th scope="row" title={l.level}>
                  {l.word}
                </th>
                <td className="num">{plural(l.domains, l.word)}</td>
                <td className="num">{l.freeGpus}</td>
                <td className="num">{l.largestFreeGpus}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}

/** The mapping step: each status (with its item count) → a model stage, a hand-off queue, backlog, done or ignore; each type → a size; each area → a pod. */
import type { InitiativeSize } from '../../../sim/delivery/parameters.ts';
import type { DeliveryHistory, HistoryMapping } from '../../../sim/history/index.ts';
import { areaRows, meaningChoices, SIZE_CHOICES, statusRows, typeRows, withArea, withSize, withStatus } from './model/mapping-table.ts';

export interface PodChoice {
  id: string;
  name: string;
}

export function MappingTable({ history, pods, teams, onChange }: { history: DeliveryHistory; pods: readonly PodChoice[]; teams: readonly string[]; onChange(mapping: HistoryMapping): void }) {
  const choices = meaningChoices(history.mapping, teams);
  const types = typeRows(history);
  const areas = areaRows(history);
  return (
    <div className="history-mapping">
      <table className="table compact-table" aria-label="Status mapping">
        <thead>
          <tr>
            <th scope="col">Status (workflow order)</th>
            <th scope="col">Items</th>
            <th scope="col">Means to the model</th>
          </tr>
        </thead>
        <tbody>
          {statusRows(history).map((row) => (
            <tr key={row.name}>
              <th scope="row">{row.name}</th>
              <td>{row.items.toLocaleString('en-US')}</td>
              <td>
                <select className="input" data-native-undo aria-label={`Meaning of status "${row.name}"`} value={row.value} onChange={(e) => onChange(withStatus(history.mapping, row.name, e.target.value))}>
                  {row.value === '' ? <option value="">Not mapped</option> : null}
                  {choices.map((c) => (
                    <option key={c.value} value={c.value}>
                      {c.label}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {types.length ? (
        <table className="table compact-table" aria-label="Type sizes">
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Items</th>
              <th scope="col">Initiative size</th>
            </tr>
          </thead>
          <tbody>
            {types.map((row) => (
              <tr key={row.name}>
                <th scope="row">{row.name}</th>
                <td>{row.items.toLocaleString('en-US')}</td>
                <td>
                  <select className="input" data-native-undo aria-label={`Size of type "${row.name}"`} value={row.value} onChange={(e) => onChange(withSize(history.mapping, row.name, e.target.value as InitiativeSize))}>
                    {SIZE_CHOICES.map((size) => (
                      <option key={size} value={size}>
                        {size}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {areas.length ? (
        <table className="table compact-table" aria-label="Area mapping">
          <thead>
            <tr>
              <th scope="col">Team or area</th>
              <th scope="col">Items</th>
              <th scope="col">Pod of this scenario</th>
            </tr>
          </thead>
          <tbody>
            {areas.map((row) => (
              <tr key={row.name}>
                <th scope="row">{row.name}</th>
                <td>{row.items.toLocaleString('en-US')}</td>
                <td>
                  <select className="input" data-native-undo aria-label={`Pod for area "${row.name}"`} value={row.value} onChange={(e) => onChange(withArea(history.mapping, row.name, e.target.value))}>
                    <option value="">Its own area</option>
                    {pods.map((pod) => (
                      <option key={pod.id} value={pod.id}>
                        {pod.name}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

/**
 * The autosaver's local check of the whole document (the same schema the
 * backend enforces), as a list of issues. Validating a 5,000-position
 * scenario takes tens of milliseconds, more than a frame, so the editor runs
 * it in a module worker (validation.worker.ts) and only falls back to the
 * main thread, in a task of its own, where workers are not available.
 */
import { validateScenario, ScenarioValidationError, type Scenario, type ScenarioIssue } from '../../sim/scenario/index.ts';

export function scenarioIssues(scenario: Scenario): ScenarioIssue[] {
  try {
    validateScenario(scenario);
    return [];
  } catch (error) {
    if (error instanceof ScenarioValidationError) return error.issues;
    return [{ path: '', message: error instanceof Error ? error.message : String(error) }];
  }
}

export interface ValidationRequest {
  id: number;
  scenario: Scenario;
}

export interface ValidationAnswer {
  id: number;
  issues: ScenarioIssue[];
}

/** The smallest part of a Worker the validator uses. */
export interface ValidationPort {
  postMessage(message: ValidationRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ValidationAnswer>) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function onMainThread(scenario: Scenario): Promise<ScenarioIssue[]> {
  // Its own task: the frame that triggered the save is not made longer.
  await nextTask();
  return scenarioIssues(scenario);
}

/**
 * A validator answering through `port` (a worker), one answer per request;
 * when there is no port, or it fails, the check runs on the main thread.
 */
export function createValidator(port: ValidationPort | null): (scenario: Scenario) => Promise<ScenarioIssue[]> {
  if (!port) return onMainThread;
  const waiting = new Map<number, { scenario: Scenario; resolve(issues: ScenarioIssue[]): void }>();
  let nextId = 0;
  let broken = false;
  port.addEventListener('message', (event) => {
    const request = waiting.get(event.data.id);
    waiting.delete(event.data.id);
    request?.resolve(event.data.issues);
  });
  port.addEventListener('error', () => {
    broken = true;
    for (const { scenario, resolve } of waiting.values()) void onMainThread(scenario).then(resolve);
    waiting.clear();
  });
  return (scenario) => {
    if (broken) return onMainThread(scenario);
    const id = ++nextId;
    return new Promise((resolve) => {
      waiting.set(id, { scenario, resolve });
      port.postMessage({ id, scenario });
    });
  };
}

/** Validates scenarios for the autosaver off the main thread (see validation.ts). */
import { scenarioIssues, type ValidationAnswer, type ValidationRequest } from './validation.ts';

self.addEventListener('message', (event: MessageEvent<ValidationRequest>) => {
  const answer: ValidationAnswer = { id: event.data.id, issues: scenarioIssues(event.data.scenario) };
  self.postMessage(answer);
});

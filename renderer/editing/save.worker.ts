/** Sends the autosaves off the page's main thread (see offthread-save.ts): the API client main.tsx installs, same origin and cookie. */
import { createApiClient } from '../api/client.ts';
import { answerSave, type SaveRequest } from './offthread-save.ts';

const client = createApiClient();

self.addEventListener('message', (event: MessageEvent<SaveRequest>) => {
  void answerSave(client.saveScenarioChanges, event.data).then((answer) => self.postMessage(answer));
});

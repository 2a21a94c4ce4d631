import { afterEach, describe, expect, it } from 'vitest';
import { makeScenario } from '../test-support/scenarios.ts';
import { createValidator, scenarioIssues, type ValidationAnswer, type ValidationPort, type ValidationRequest } from './validation.ts';

describe('scenarioIssues', () => {
  it('a valid scenario has none', () => {
    expect(scenarioIssues(makeScenario())).toEqual([]);
  });

  it('names the field and the problem', () => {
    const issues = scenarioIssues({ ...makeScenario(), name: '' });
    expect(issues.map((i) => i.path)).toContain('name');
  });
});

describe('createValidator', () => {
  const channels: MessageChannel[] = [];
  afterEach(() => {
    for (const c of channels.splice(0)) {
      c.port1.close();
      c.port2.close();
    }
  });

  /** A message channel whose far end validates like the worker does. */
  function workerLike(): ValidationPort {
    const channel = new MessageChannel();
    channels.push(channel);
    channel.port2.addEventListener('message', (event: MessageEvent<ValidationRequest>) => {
      const answer: ValidationAnswer = { id: event.data.id, issues: scenarioIssues(event.data.scenario) };
      channel.port2.postMessage(answer);
    });
    channel.port2.start();
    channel.port1.start();
    return channel.port1;
  }

  it('answers each document with its own issues, through the port', async () => {
    const validate = createValidator(workerLike());
    const [good, bad] = await Promise.all([validate(makeScenario()), validate({ ...makeScenario(), name: '' })]);
    expect(good).toEqual([]);
    expect(bad.map((i) => i.path)).toContain('name');
  });

  it('without a worker, validates on the main thread', async () => {
    const validate = createValidator(null);
    expect(await validate({ ...makeScenario(), name: '' })).not.toEqual([]);
    expect(await validate(makeScenario())).toEqual([]);
  });
});

import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { TestAdapter } from 'botbuilder';
import { typingIndicator } from '../../src/bot/typingIndicator';

describe('typing indicator', () => {
  it('shows typing while a slow turn runs, and nothing once it has ended', async () => {
    const adapter = new TestAdapter(async (context) => {
      await delay(60);
      await context.sendActivity('done');
    });
    adapter.use(typingIndicator(5, 20));
    await adapter.processActivity({ type: 'message', text: 'hi' });
    const types = adapter.activeQueue.map((activity) => activity.type);
    assert.equal(types.at(-1), 'message');
    assert.ok(types.slice(0, -1).length >= 1 && types.slice(0, -1).every((type) => type === 'typing'), `typing first: ${types.join(', ')}`);
    const before = adapter.activeQueue.length;
    await delay(80);
    assert.equal(adapter.activeQueue.length, before, 'no typing after the turn');
  });

  it('shows nothing on a quick turn or on other activities', async () => {
    const adapter = new TestAdapter(async (context) => {
      if (context.activity.type === 'message') await context.sendActivity('quick');
      else await delay(40);
    });
    adapter.use(typingIndicator(30, 30));
    await adapter.processActivity({ type: 'message', text: 'hi' });
    await adapter.processActivity({ type: 'event', name: 'slow' });
    await delay(50);
    assert.deepEqual(adapter.activeQueue.map((activity) => activity.type), ['message']);
  });

  it('never fails the turn when the indicator cannot be sent', async () => {
    const adapter = new TestAdapter(async (context) => {
      await delay(40);
      await context.sendActivity('done');
    });
    adapter.use({
      async onTurn(context, next) {
        context.onSendActivities(async (_ctx, activities, send) => {
          if (activities.some((activity) => activity.type === 'typing')) throw new Error('connector refused');
          return send();
        });
        await next();
      },
    });
    adapter.use(typingIndicator(5, 10));
    await adapter.processActivity({ type: 'message', text: 'hi' });
    assert.deepEqual(adapter.activeQueue.map((activity) => activity.type), ['message']);
  });
});

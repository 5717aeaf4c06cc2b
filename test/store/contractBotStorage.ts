/**
 * Contract: botbuilder `Storage` conformance, ported from botbuilder-core's tests/storageBaseTests.js
 * (the checks every botbuilder storage provider runs), plus the expiry of conversation state.
 */
import assert from 'node:assert/strict';
import { AutoSaveStateMiddleware, ConversationState, MessageFactory, TestAdapter, type Storage, type StoreItems } from 'botbuilder';
import { Dialog, DialogSet, TextPrompt, WaterfallDialog, type DialogState } from 'botbuilder-dialogs';
import { BotStateStorage } from '../../src/bot/botStateStorage';
import { eventually, type ContractContext } from './contract';

interface Item {
  id?: number;
  count?: number;
  eTag?: string;
}

/** Registers the BotStateStorage part of the contract on the engine's key-value store. */
export function botStorageContract(ctx: ContractContext): void {
  describe('botbuilder Storage (BotStateStorage)', () => {
    storageConformance(() => new BotStateStorage(ctx.store().kv, { conversationTtlMs: 60_000 }));

    it('expires idle conversation state but keeps user state', async () => {
      const storage = new BotStateStorage(ctx.store().kv, { conversationTtlMs: 100 });
      const conversation = 'msteams/conversations/a:1/';
      const user = 'msteams/users/29:1/';
      await storage.write({ [conversation]: { step: 1 }, [user]: { locale: 'zh-CN' } });
      await eventually(async () => (await storage.read([conversation]))[conversation] === undefined, 'conversation state expired');
      assert.equal(items(await storage.read([user]))[user]?.eTag !== undefined, true);
      assert.deepEqual(await ctx.store().kv.keys('state:'), [`state:${user}`]);
    });
  });
}

/** The storageBaseTests checks, for any botbuilder `Storage`. */
export function storageConformance(open: () => Storage): void {
  describe('storageBaseTests conformance', () => {
    it('returns an empty object when reading an unknown key', async () => {
      assert.deepEqual(await open().read(['unknown']), {});
    });

    it('rejects null keys when reading and null changes when writing, like MemoryStorage', async () => {
      const storage = open();
      await assert.rejects(storage.read(null as unknown as string[]), new ReferenceError('Keys are required when reading.'));
      await assert.rejects(storage.write(null as unknown as StoreItems), new ReferenceError('Changes are required when writing.'));
    });

    it('does not throw when writing no items', async () => {
      await assert.doesNotReject(open().write([]));
    });

    it('creates objects and gives them eTags', async () => {
      const storage = open();
      await storage.write({ createPoco: { id: 1 }, createPocoStoreItem: { id: 2 } });
      const read = items(await storage.read(['createPoco', 'createPocoStoreItem']));
      assert.equal(read.createPoco?.id, 1);
      assert.equal(read.createPocoStoreItem?.id, 2);
      assert.equal(typeof read.createPoco?.eTag, 'string');
      assert.equal(typeof read.createPocoStoreItem?.eTag, 'string');
    });

    it('handles crazy keys', async () => {
      const storage = open();
      const key = '!@#$%^&*()~/\\><,.?\';"`~';
      await storage.write({ [key]: { id: 1 } });
      assert.equal(items(await storage.read([key]))[key]?.id, 1);
    });

    it('updates objects: old eTag fails, no eTag or * always wins', async () => {
      const storage = open();
      await storage.write({ pocoItem: { id: 1, count: 1 }, pocoStoreItem: { id: 1, count: 1 } });
      const loaded = items(await storage.read(['pocoItem', 'pocoStoreItem']));
      const pocoItem = defined(loaded.pocoItem);
      const pocoStoreItem = defined(loaded.pocoStoreItem);
      delete pocoItem.eTag; // a plain object has no eTag
      pocoItem.count = 2;
      pocoStoreItem.count = 2;
      await storage.write({ pocoItem, pocoStoreItem });

      const reloaded = items(await storage.read(['pocoItem', 'pocoStoreItem']));
      assert.equal(typeof reloaded.pocoItem?.eTag, 'string');
      assert.notEqual(reloaded.pocoStoreItem?.eTag, pocoStoreItem.eTag);
      assert.equal(reloaded.pocoItem?.count, 2);
      assert.equal(reloaded.pocoStoreItem?.count, 2);

      pocoItem.count = 123;
      await assert.doesNotReject(storage.write({ pocoItem }));
      pocoStoreItem.count = 123;
      await assert.rejects(storage.write({ pocoStoreItem }), /eTag conflict/);

      const again = items(await storage.read(['pocoItem', 'pocoStoreItem']));
      assert.equal(again.pocoItem?.count, 123);
      assert.equal(again.pocoStoreItem?.count, 2);

      await storage.write({ pocoItem: { count: 100 }, pocoStoreItem: { ...again.pocoStoreItem, count: 100, eTag: '*' } });
      const final = items(await storage.read(['pocoItem', 'pocoStoreItem']));
      assert.equal(final.pocoItem?.count, 100);
      assert.equal(final.pocoStoreItem?.count, 100);
    });

    it('deletes objects, and deleting an unknown key does not throw', async () => {
      const storage = open();
      await storage.write({ delete1: { id: 1, count: 1 } });
      const read = items(await storage.read(['delete1']));
      assert.equal(typeof read.delete1?.eTag, 'string');
      assert.equal(read.delete1?.count, 1);
      await storage.delete(['delete1']);
      assert.equal(items(await storage.read(['delete1'])).delete1, undefined);
      await assert.doesNotReject(storage.delete(['unknown_key']));
    });

    it('performs batch operations', async () => {
      const storage = open();
      await storage.write({ batch1: { count: 10 }, batch2: { count: 20 }, batch3: { count: 30 } });
      const result = items(await storage.read(['batch1', 'batch2', 'batch3']));
      for (const key of ['batch1', 'batch2', 'batch3']) {
        assert.ok((result[key]?.count ?? 0) > 0);
        assert.equal(typeof result[key]?.eTag, 'string');
      }
      await storage.delete(['batch1', 'batch2', 'batch3']);
      assert.deepEqual(await storage.read(['batch1', 'batch2', 'batch3']), {});
    });

    it('proceeds through a waterfall dialog with state saved between turns', async () => {
      await runWaterfall(open());
    });
  });
}

async function runWaterfall(storage: Storage): Promise<void> {
  const conversationState = new ConversationState(storage);
  const dialogs = new DialogSet(conversationState.createProperty<DialogState>('dialogState'));
  dialogs.add(
    new TextPrompt('textPrompt', async (prompt) => {
      if ((prompt.recognized.value ?? '').length > 3) {
        await prompt.context.sendActivity(`You got it at the ${prompt.attemptCount}th try!`);
        return true;
      }
      await prompt.context.sendActivity(`Please send a name that is longer than 3 characters. ${prompt.attemptCount}`);
      return false;
    }),
  );
  dialogs.add(
    new WaterfallDialog('waterfallDialog', [
      async (step) => {
        assertStepIndex(step.activeDialog?.state);
        await step.context.sendActivity('step1');
        return Dialog.EndOfTurn;
      },
      async (step) => {
        assertStepIndex(step.activeDialog?.state);
        return step.prompt('textPrompt', { prompt: MessageFactory.text('Please type your name.') });
      },
      async (step) => {
        assertStepIndex(step.activeDialog?.state);
        await step.context.sendActivity('step3');
        return Dialog.EndOfTurn;
      },
    ]),
  );
  const adapter = new TestAdapter(async (turnContext) => {
    const dc = await dialogs.createContext(turnContext);
    await dc.continueDialog();
    if (!turnContext.responded) await dc.beginDialog('waterfallDialog');
  }).use(new AutoSaveStateMiddleware(conversationState));

  await adapter
    .send('hello')
    .assertReply('step1')
    .send('hello')
    .assertReply('Please type your name.')
    .send('hi')
    .assertReply('Please send a name that is longer than 3 characters. 1')
    .send('hi')
    .assertReply('Please send a name that is longer than 3 characters. 2')
    .send('hi')
    .assertReply('Please send a name that is longer than 3 characters. 3')
    .send('Kyle')
    .assertReply('You got it at the 4th try!')
    .assertReply('step3')
    .startTest();
}

/** The waterfall's position survived the round trip through storage. */
function assertStepIndex(state: unknown): void {
  assert.equal(typeof (state as { stepIndex?: unknown } | undefined)?.stepIndex, 'number');
}

function items(read: StoreItems): Record<string, Item | undefined> {
  return read;
}

function defined<T>(value: T | undefined): T {
  assert.ok(value !== undefined);
  return value;
}

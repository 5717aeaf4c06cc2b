import assert from 'node:assert/strict';
import { TestAdapter } from 'botbuilder';
import sinon from 'sinon';
import { BotUnderTest, cardText, findAction, inputValues, type Card } from '../helpers/chat';
import { USERS } from '../helpers/fixtures';

describe('Action.Submit replaces the card it came from', () => {
  let bot: BotUnderTest;
  beforeEach(async () => (bot = await BotUnderTest.start()));
  afterEach(async () => {
    sinon.restore();
    await bot.stop();
  });

  it('updates the clicked card with the result, so it cannot be clicked again', async () => {
    const update = sinon.spy(TestAdapter.prototype, 'updateActivity');
    const chat = bot.chat(USERS.admin, 'en-US');
    await chat.say('contact');
    await chat.click('Edit');
    const form = chat.lastCard();
    const save = findAction(form, 'Save');
    const replies = await chat.deliverRaw({ type: 'message', replyToId: 'card-42', value: { ...save.data, ...inputValues(form), 'contact.0.phone': '139 0000 2222' } });
    assert.equal(update.callCount, 1);
    const updated = update.firstCall.args[1];
    assert.equal(updated.id, 'card-42');
    assert.match(cardText(updated.attachments?.[0]?.content as Card), /Saved\. Changed: 王晓明 · Phone/);
    assert.equal(replies.filter((reply) => reply.attachments?.length).length, 0, 'the result is not sent a second time');
    assert.equal((await bot.publisher('contoso-cn')).contacts[0]?.phone, '+8613900002222');
  });

  it('sends the result as a new message when there is no card to replace', async () => {
    const update = sinon.spy(TestAdapter.prototype, 'updateActivity');
    const chat = bot.chat(USERS.admin, 'en-US');
    await chat.say('contact');
    await chat.click('Edit');
    await chat.click('Save', { 'contact.0.phone': '139 0000 3333' });
    assert.equal(update.callCount, 0);
    assert.match(chat.lastCardText(), /Saved\. Changed: 王晓明 · Phone/);
  });
});

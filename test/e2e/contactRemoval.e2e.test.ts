/**
 * Contacts through the real server, in Teams (expectReplies and Adaptive Card invokes) and WeChat
 * (signed XML to /wechat): a stored contact cleared in the form is refused, removal is its own
 * confirmed action with a receipt, and a corrected phone leaves no copy anywhere under DATA_DIR —
 * not in the WeChat stored answer that showed it.
 */
import assert from 'node:assert/strict';
import { translator } from '../../src/i18n';
import { runWechatConversation } from '../helpers/bothChannels';
import { cardText, inputValues, type Card } from '../helpers/chat';
import { USERS } from '../helpers/fixtures';
import { expectNone, scanDataDir } from '../helpers/residue';
import { cardOf, clickCard as click, HttpChannel, RunningServer } from '../helpers/server';
import { bindingCode, newOpenid, wechatEnv, wechatPeer } from '../helpers/wechat';



describe('Contacts end to end (real server, Teams and WeChat)', function () {
  this.timeout(120_000);
  let server: RunningServer;
  before(async () => (server = await RunningServer.start(wechatEnv('plain'))));
  after(async () => server.stop());

  it('Teams: clearing a stored contact is refused with the way to remove it; "Remove contact" asks, then removes with a receipt', async () => {
    const t = translator('en-US');
    const channel = new HttpChannel(server, USERS.admin, 'en-US');
    let card = cardOf(await channel.say('contact'));
    card = await click(channel, card, t('contact.edit'));
    card = await click(channel, card, t('actions.save'), { 'contact.1.name': '', 'contact.1.phone': '', 'contact.1.email': '' });
    assert.ok(cardText(card).includes(t('validation.contactBlank')), cardText(card));
    assert.equal(inputValues(card)['contact.0.name'], '王晓明', 'the form keeps the other rows');

    card = cardOf(await channel.say('contact'));
    assert.equal(JSON.stringify(card).split(`"title":"${t('contact.remove')}"`).length - 1, 2, 'a "Remove contact" beside each contact');
    // Several "Remove contact" buttons: the second contact's, by its data (showing the confirmation needs no version).
    const { body } = await channel.execute('contact.remove', { contact: 1 });
    card = body.value as Card;
    assert.ok(cardText(card).includes(t('contact.removeWarning')) && cardText(card).includes('li.na@yunfan.example.cn'), cardText(card));
    card = await click(channel, card, t('contact.removeConfirm'));
    assert.ok(cardText(card).includes(t('receipt.title')) && cardText(card).includes(t('receipt.categories.contact')), cardText(card));
    assert.ok(!cardText(cardOf(await channel.say('contact'))).includes('li.na@yunfan.example.cn'));
  });

  it('WeChat: a corrected phone is an update, and the old one is gone from every file, the stored answers included', async () => {
    const t = translator('zh-CN');
    const peer = wechatPeer(server, 'plain');
    const openid = newOpenid();
    const send = async (text: string): Promise<string> => (await peer.sendText(openid, text)).text;
    await send(`绑定 ${await bindingCode(server)}`);
    const oldPhone = '13800138000';
    const label = `${t('contact.heading', { n: 1 })} · ${t('fields.phone')}`;
    await runWechatConversation(send, 'zh-CN', [
      { say: t('commands.contact.example'), see: [`+86${oldPhone}`, t('contact.remove')] },
      { choose: t('contact.edit') },
      { fill: [{ id: 'contact.0.phone', label, value: '139 0000 1111' }], submit: t('actions.save'), part: t('contact.group', { heading: t('contact.heading', { n: 1 }), name: '王晓明' }), see: ['+8613900001111'], notSee: [t('receipt.title')] },
    ]);
    expectNone(await scanDataDir(server.dataDir, [oldPhone]), 'the corrected phone is still held');
  });
});

/**
 * Through the real /wechat endpoint, what a pinyin IME types: a binding code in full-width digits
 * after a full-width colon, menu numbers and commands with 。！, and a form answered with full-width
 * values, paused by "菜单。", resumed, refused at once where an answer is wrong, and saved normalized.
 */
import assert from 'node:assert/strict';
import { RunningServer } from '../helpers/server';
import { bindingCode, newOpenid, wechatEnv, wechatPeer } from '../helpers/wechat';

/** Digits as a full-width IME types them. */
const fullWidth = (text: string): string => text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

describe('WeChat end to end: input as a Chinese IME types it', function () {
  this.timeout(60_000);
  let server: RunningServer;
  before(async () => (server = await RunningServer.start(wechatEnv('plain'))));
  after(async () => server.stop());

  it('binds with "绑定：６６３０５８", follows "１。" and "菜单！", checks each answer, pauses on "菜单。" and saves normalized values', async () => {
    const peer = wechatPeer(server, 'plain');
    const openid = newOpenid();
    const say = async (text: string): Promise<string> => (await peer.sendText(openid, text)).text;

    assert.match(await say(`绑定：${fullWidth(await bindingCode(server))}`), /已绑定到上海云帆信息技术有限公司/);
    assert.match(await say('\u3000菜单！'), /回复 1：联系信息/);
    // 修改 is numbered after the removal beside each contact; it is typed in full width too.
    const edit = /王晓明[\s\S]*回复 (\d)：修改/.exec(await say('１。'))?.[1];
    assert.ok(edit, 'the contact view offers 修改');
    assert.match(await say(fullWidth(edit)), /请选择要修改的部分/);
    let answer = await say('３');
    assert.match(answer, /请输入联系人 2 · 姓名/);
    answer = await say('菜单。');
    assert.match(answer, /请问您要做什么/, 'the menu, not a name "菜单"');
    assert.match(answer, /回复“继续”可接着填写/, 'the paused form is offered');
    assert.match(await say('继续'), /请输入联系人 2 · 姓名/);
    assert.match(await say('＝'), /请输入联系人 2 · 电话/);
    answer = await say('１３９１２３４');
    assert.match(answer, /手机号为 11 位数字，您输入了 7 位/, 'refused at once, saying why');
    assert.match(answer, /请输入联系人 2 · 电话/);
    assert.match(await say('０２１－６１２３４５７７'), /请输入联系人 2 · 电子邮箱/);
    answer = await say('Ｌｉ．Ｎａ＠Ｙｕｎｆａｎ．ｃｎ');
    assert.match(answer, /请核对以下内容[\s\S]*021-61234577[\s\S]*li\.na@yunfan\.cn/);
    // The saved contact list shows what was stored: the plain spellings.
    answer = await say('保存！');
    assert.match(answer, /已保存/);
    assert.match(answer, /电话：021-61234577\n电子邮箱：li\.na@yunfan\.cn/);
  });
});

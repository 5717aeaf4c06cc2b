/**
 * Times users read say their time zone: every time is shown in China time (Asia/Shanghai, one zone,
 * no daylight saving, where the marketplace and its publishers are), marked "(UTC+8)" / "（北京时间）".
 */
import { translator, type Locale } from '../../src/i18n';
import { BotUnderTest } from '../helpers/chat';
import { USERS } from '../helpers/fixtures';
import { runConversation, type Channel } from '../helpers/bothChannels';

describe('Shown times carry their time zone', () => {
  let bot: BotUnderTest;
  beforeEach(async () => (bot = await BotUnderTest.start()));
  afterEach(async () => bot.stop());

  for (const channel of ['teams', 'wechat'] as Channel[]) {
    for (const locale of ['zh-CN', 'en-US'] as Locale[]) {
      it(`a deletion receipt says the zone of its time (${channel}, ${locale})`, async () => {
        const t = translator(locale);
        const zone = t('common.chinaTime', { time: '' }).trim();
        await runConversation(bot, channel, USERS.admin, locale, [
          { say: t('commands.offers.example') },
          { choose: t('actions.delete'), under: '云帆备份服务器' },
          { confirm: t('offers.deleteConfirm'), see: [t('receipt.title'), zone] },
        ]);
      });
    }
  }
});

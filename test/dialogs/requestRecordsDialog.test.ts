import assert from 'node:assert/strict';
import { publisherSchema } from '../../src/domain/publisher';
import { translator } from '../../src/i18n';
import { BotUnderTest } from '../helpers/chat';
import { USERS, homePublisher, rivalPublisher } from '../helpers/fixtures';
import { escapeRegExp } from '../helpers/text';

for (const locale of ['en-US', 'zh-CN'] as const) {
  describe(`Request records dialog (${locale})`, () => {
    const t = translator(locale);
    const see = (text: string) => new RegExp(escapeRegExp(text));
    let bot: BotUnderTest;
    afterEach(async () => bot.stop());

    it('pages the records newest first', async () => {
      const many = Array.from({ length: 12 }, (_, i) => ({
        id: `req-${String(i).padStart(2, '0')}`,
        kind: '资料变更',
        submittedAt: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(),
        status: '已完成',
        summary: `第 ${i} 条`,
      }));
      bot = await BotUnderTest.start([publisherSchema.parse({ ...homePublisher, requestRecords: many }), rivalPublisher]);
      const chat = bot.chat(USERS.admin, locale);
      await chat.say(locale === 'en-US' ? 'records' : '申请记录');
      assert.match(chat.lastCardText(), see(t('records.page', { page: 1, pages: 3, count: 12 })));
      const firstPage = JSON.stringify(chat.lastCard());
      assert.ok(firstPage.includes('req-11') && firstPage.includes('req-07') && !firstPage.includes('req-06'), 'newest five first');
      await chat.click(t('paging.next'));
      const second = JSON.stringify(chat.lastCard());
      assert.ok(second.includes('req-06') && second.includes('req-02') && !second.includes('req-07'));
      await chat.click(t('paging.next'));
      assert.match(chat.lastCardText(), see(t('records.page', { page: 3, pages: 3, count: 12 })));
    });

    it('shows one record and deletes it after confirmation', async () => {
      bot = await BotUnderTest.start();
      const chat = bot.chat(USERS.admin, locale);
      await chat.say('records');
      await chat.submit({ verb: 'record.view', recordId: 'req-20241020-003', v: 1 });
      assert.match(chat.lastCardText(), /申请添加 AAD 成员账号/);
      await chat.click(t('records.delete'));
      assert.match(chat.lastCardText(), see(t('records.deleteWarning')));
      assert.equal((await bot.publisher('contoso-cn')).requestRecords.length, 4);
      await chat.click(t('records.deleteConfirm'));
      assert.match(chat.lastCardText(), see(t('receipt.categories.requestRecord')));
      assert.deepEqual((await bot.publisher('contoso-cn')).requestRecords.map((r) => r.id), ['req-20240312-001', 'req-20240605-002', 'req-20250108-004']);
    });
  });
}

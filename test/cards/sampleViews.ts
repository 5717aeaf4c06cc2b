/**
 * Views that exercise every feature of a card, in English and Chinese, for the card tests and
 * for a card gallery. The data is invented; no real person's details.
 */
import { OwnText, type FormField, type View as ViewWith, type ViewAction as ViewActionWith } from '../../src/views/view';

// The renderer carries any verb: these views use made-up ones.
type View = ViewWith<string>;
type ViewAction = ViewActionWith<string>;

/** Text the sample treats as the bot's own (a locale string), rendered as markdown-capable TextBlock/FactSet. */
const own = (text: string): OwnText => OwnText.of((key: string) => key, text);

const back: ViewAction = { verb: 'menu.show', title: 'Back to menu' };
const backZh: ViewAction = { verb: 'menu.show', title: '返回主菜单' };

/** The main menu: buttons only, more than fit in one row. */
export const mainMenuEn: View = {
  title: own('Publisher Privacy Assistant'),
  subtitle: 'Acting for Contoso Cloud Services Ltd.',
  actions: [
    { verb: 'contact.view', title: 'Contact information', style: 'positive' },
    { verb: 'aad.list', title: 'AAD accounts' },
    { verb: 'offers.list', title: 'Offers and customer service' },
    { verb: 'records.list', title: 'Request records' },
    { verb: 'export.start', title: 'Export my data' },
    { verb: 'erasure.receipts', title: 'Erasure receipts' },
    { verb: 'help.show', title: 'Help' },
  ],
};

/** The same menu in Chinese. */
export const mainMenuZh: View = {
  title: own('发布者隐私助手'),
  subtitle: '代表：上海示例云计算有限公司',
  actions: [
    { verb: 'contact.view', title: '联系信息', style: 'positive' },
    { verb: 'aad.list', title: 'AAD 账户' },
    { verb: 'offers.list', title: '产品与客服信息' },
    { verb: 'records.list', title: '请求记录' },
    { verb: 'export.start', title: '导出我的数据' },
  ],
};

/** A short list of buttons that fits in one row. */
export const helpZh: View = {
  title: own('帮助'),
  paragraphs: [
    own('您可以在这里查看、更正、导出和删除 Azure 市场（中国）为您的发布者账户保存的个人信息。'),
    own('每一次更改都会经过校验、确认并记录审计日志；删除操作完成后，您会收到一份删除回执，说明删除了什么、何时删除以及由谁删除。'),
  ],
  actions: [backZh, { verb: 'help.privacy', title: '隐私声明' }],
};

/** Facts about the publisher plus one section per offer, each with its own buttons. */
export const offersEn: View = {
  title: own('Offers and customer service'),
  subtitle: 'Contoso Cloud Services Ltd.',
  notice: { tone: 'good', text: own('Customer-service details for "Contoso Backup" were saved.') },
  facts: [
    { label: own('Company'), value: 'Contoso Cloud Services Ltd.' },
    { label: own('Offers'), value: '2' },
  ],
  sections: [
    {
      heading: 'Contoso Backup',
      facts: [
        { label: own('Name'), value: 'Li Lei' },
        { label: own('Telephone'), value: '+86 138 0013 8000' },
        { label: own('E-mail'), value: 'support_backup@contoso.example' },
        { label: own('QQ'), value: '12345678' },
        { label: own('WeChat'), value: 'contoso_backup' },
        { label: own('Weibo'), value: '@ContosoBackup' },
      ],
      actions: [
        { verb: 'offer.edit', title: 'Edit', data: { offerId: 'contoso-backup' } },
        { verb: 'offer.delete', title: 'Delete', style: 'destructive', data: { offerId: 'contoso-backup' } },
      ],
    },
    {
      heading: 'Contoso Monitoring — a deliberately long offer name that has to wrap on a phone screen',
      facts: [],
      actions: [{ verb: 'offer.edit', title: 'Add customer service', data: { offerId: 'contoso-monitoring', page: 1 } }],
    },
  ],
  actions: [back],
};

/** The contact-information view in Chinese, with sections for each contact person. */
export const contactZh: View = {
  title: own('联系信息'),
  subtitle: '上海示例云计算有限公司',
  facts: [
    { label: own('公司名称'), value: '上海示例云计算有限公司' },
    { label: own('统一社会信用代码'), value: '91310000MA1FL8XQ4C' },
  ],
  sections: [
    {
      heading: '联系人：韩梅梅',
      facts: [
        { label: own('电话'), value: '021-6888 8888 转 123' },
        { label: own('电子邮件'), value: 'hanmeimei@example.cn' },
      ],
      actions: [{ verb: 'contact.person.edit', title: '修改', data: { index: 0 } }],
    },
  ],
  actions: [{ verb: 'contact.edit', title: '修改联系信息', style: 'positive' }, backZh],
};

const contactFieldsZh: FormField[] = [
  { name: 'company', label: '公司名称', kind: 'text', value: '上海示例云计算有限公司', required: true, maxLength: 100, errorMessage: '请输入公司名称（最多 100 个字符）。' },
  { name: 'email', label: '电子邮件', kind: 'email', placeholder: 'name@example.cn', required: true, maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', errorMessage: '请输入有效的电子邮件地址。' },
  { name: 'phone', label: '电话', kind: 'tel', placeholder: '例如 138 0013 8000 或 021-6888 8888', pattern: '^[+0-9 ()#-]{5,30}(?:转\\d{1,6})?$', errorMessage: '请输入有效的电话号码。' },
  { name: 'role', label: '联系人类型', kind: 'choice', value: 'business', required: true, errorMessage: '请选择联系人类型。', choices: [
    { value: 'business', title: '商务联系人' },
    { value: 'technical', title: '技术联系人' },
  ] },
  { name: 'note', label: '备注', kind: 'multiline', placeholder: '可选', maxLength: 500 },
];

/** A form with every field kind, in Chinese. */
export const contactFormZh: View = {
  title: own('修改联系信息'),
  paragraphs: [own('带 * 的为必填项。提交后，我们会先请您确认更改。')],
  form: { fields: contactFieldsZh, submit: { verb: 'contact.save', title: '提交', style: 'positive' } },
  actions: [{ verb: 'contact.view', title: '取消' }],
};

/** The same form after the server refused two values: the errors sit by their fields. */
export const contactFormWithErrorsZh: View = {
  ...contactFormZh,
  notice: { tone: 'attention', text: own('有 2 项需要更正，其他内容未作更改。') },
  form: {
    submit: { verb: 'contact.save', title: '提交', style: 'positive', data: { revision: 7 } },
    fields: contactFieldsZh.map((field): FormField => {
      if (field.name === 'email') return { ...field, value: 'hanmeimei@example', invalid: true, errorMessage: '电子邮件地址不完整：缺少顶级域名。' };
      if (field.name === 'phone') return { ...field, value: '12345', invalid: true };
      return field;
    }),
  },
};

/** Adding an AAD user in English, with a server error on one field and a stale-card warning. */
export const addAadUserEn: View = {
  title: own('Add an AAD user'),
  notice: { tone: 'warning', text: own('This card is out of date: the account list changed since it was sent. Check the list before you add a user.') },
  form: {
    fields: [
      { name: 'upn', label: 'User principal name', kind: 'email', value: 'ops@contoso', required: true, invalid: true, errorMessage: 'Enter a user principal name such as name@contoso.partner.onmschina.cn.' },
      { name: 'displayName', label: 'Display name', kind: 'text', maxLength: 64, placeholder: 'Optional' },
    ],
    submit: { verb: 'aad.add', title: 'Add user', style: 'positive' },
  },
  actions: [{ verb: 'aad.list', title: 'Cancel' }],
};

/** A deletion to confirm, with a neutral notice and a destructive main button. */
export const deleteRecordConfirmEn: View = {
  title: own('Delete this request record?'),
  notice: { tone: 'default', text: own('Deleting a record cannot be undone. You will get an erasure receipt.') },
  facts: [
    { label: own('Record'), value: 'REQ-2024-000123' },
    { label: own('Received'), value: '2024-03-05 14:20 (UTC+8)' },
  ],
  actions: [
    { verb: 'record.delete.confirm', title: 'Delete', style: 'destructive', data: { recordId: 'REQ-2024-000123' } },
    { verb: 'records.list', title: 'Keep it' },
  ],
};

/** An erasure receipt in Chinese with a success notice. */
export const erasureReceiptZh: View = {
  title: own('删除回执'),
  notice: { tone: 'good', text: own('产品“示例备份”及其客服信息已全部删除。') },
  facts: [
    { label: own('删除内容'), value: '产品“示例备份”的客服姓名、电话、电子邮件、QQ、微信、微博' },
    { label: own('删除时间'), value: '2024-03-05 14:22:08（北京时间）' },
    { label: own('操作人'), value: '韩梅梅（hanmeimei@example.partner.onmschina.cn）' },
    { label: own('回执编号'), value: 'ER-7F3A9C' },
  ],
  actions: [backZh],
};

/** Every sample, by a name a gallery can show. */
export const sampleViews: Record<string, View> = {
  mainMenuEn,
  mainMenuZh,
  helpZh,
  offersEn,
  contactZh,
  contactFormZh,
  contactFormWithErrorsZh,
  addAadUserEn,
  deleteRecordConfirmEn,
  erasureReceiptZh,
};

/**
 * The real views the dialogs show, built from one publisher in one language: for the card gallery
 * (scripts/cardGallery.ts) and for the tests that drive every view with hostile stored values.
 */
import { demoPublisher } from '../../src/demo/demoPublisher';
import { contactInfoSchema, customerServiceSchema, type Publisher } from '../../src/domain/publisher';
import { toFieldErrors, type FieldError } from '../../src/domain/validation';
import { translator, type Locale } from '../../src/i18n';
import type { ErasureReceipt } from '../../src/service/receipts';
import type { AuditEntry } from '../../src/store/types';
import { accountAddView, accountListView, accountRemoveConfirmView, accountRoleView } from '../../src/views/accountViews';
import { changeSummary } from '../../src/views/common';
import { contactEditView, contactInfoFromForm, contactInfoView, contactRemoveConfirmView } from '../../src/views/contactViews';
import { helpView, languageChooserView, mainMenuView, notAuthorizedView, publisherChooserView, welcomeView } from '../../src/views/menuViews';
import { offerDeleteConfirmView, offerDetailView, offerEditView, offerListView } from '../../src/views/offerViews';
import { auditTrailView, privacyNoticeView, receiptListView } from '../../src/views/privacyViews';
import { receiptView } from '../../src/views/receiptView';
import { newestFirst, recordDeleteConfirmView, recordDetailView, recordListView } from '../../src/views/recordViews';
import type { ActionData, View } from '../../src/views/view';
import { wechatBindingStatusView, wechatCodeView } from '../../src/views/wechatCodeView';

/** Every real view of `publisher` in one language, by name, as the dialogs build them. */
export function realViews(locale: Locale, publisher: Publisher = demoPublisher): Record<string, View> {
  const t = translator(locale);
  const [me, colleague] = publisher.aadAccounts;
  const [offer] = publisher.offers;
  const [record] = newestFirst(publisher.requestRecords);
  if (!me || !colleague || !offer || !record) throw new Error('the demo publisher lacks an account, an offer or a record');
  const saved = { tone: 'good' as const, text: t('common.saved', { fields: changeSummary(t, ['contacts[0].phone']) }) };

  // Forms after a refused submit, with the errors the real validation gives for these values.
  const contactForm = contactEditView(t, publisher);
  const badContact: ActionData = { ...formValues(contactForm), rows: publisher.contacts.length + 1, 'contact.0.phone': '1380013800' };
  const contactErrors = validationErrors(contactInfoSchema, contactInfoFromForm(badContact).input);
  const badCustomerService: ActionData = { ...offer.customerService, email: 'support@yunfan', qq: '0800' };
  const customerServiceErrors = validationErrors(customerServiceSchema, badCustomerService);

  const receipt: ErasureReceipt = {
    id: '3d0c6308-0263-4c75-a5e4-3eaad3555d08',
    at: '2025-03-05T06:22:08.000Z',
    actor: 'aad:2122b5ef6c5264c598e665fe8f480da0',
    publisherId: publisher.id,
    erased: [
      { category: 'offer', count: 1 },
      { category: 'customerService', count: 1 },
    ],
  };
  const olderReceipt: ErasureReceipt = { ...receipt, id: '9b1f2c40-7d1e-4a57-8f0e-5c2a6b7d8e90', at: '2024-11-02T01:05:00.000Z', erased: [{ category: 'requestRecord', count: 1 }] };
  const admin = 'aad:2122b5ef6c5264c598e665fe8f480da0';
  const audit: AuditEntry[] = [
    { at: receipt.at, actor: admin, publisherId: publisher.id, action: 'offer.delete', fields: [`offers[${offer.id}]`], receiptId: receipt.id, erased: receipt.erased },
    { at: '2025-03-05T06:15:41.000Z', actor: admin, publisherId: publisher.id, action: 'contactInfo.update', fields: ['contacts[0].phone'] },
    { at: '2025-02-20T02:00:00.000Z', actor: 'operator', publisherId: publisher.id, action: 'export', fields: [] },
  ];
  const nameOf = (actor: string): string => (actor === admin ? (me.displayName ?? me.upn) : actor);
  const memberships = [
    { publisherId: publisher.id, companyName: publisher.companyName, role: 'admin' as const },
    { publisherId: 'beijing-zhiyun', companyName: '北京智云数据科技有限公司', role: 'member' as const },
  ];

  const views: Record<string, View> = {
    welcome: welcomeView(t),
    menu: mainMenuView(t, publisher.companyName, false),
    'menu-two-publishers': mainMenuView(t, publisher.companyName, true),
    help: helpView(t),
    language: languageChooserView(t),
    'publisher-chooser': publisherChooserView(t, memberships),
    'not-authorized': notAuthorizedView(t),
    'contact-info': contactInfoView(t, publisher),
    'contact-info-saved': contactInfoView(t, publisher, saved),
    'contact-edit': contactForm,
    'contact-edit-error': contactEditView(t, publisher, badContact, contactErrors),
    'contact-remove-confirm': contactRemoveConfirmView(t, publisher, publisher.contacts.length - 1),
    offers: offerListView(t, publisher),
    'offer-detail': offerDetailView(t, offer),
    'offer-edit': offerEditView(t, offer),
    'offer-edit-error': offerEditView(t, offer, badCustomerService, customerServiceErrors),
    'offer-delete-confirm': offerDeleteConfirmView(t, offer),
    'erasure-receipt': receiptView(t, locale, receipt, { verb: 'offer.list', title: t('offers.back') }),
    records: recordListView(t, locale, publisher, 0),
    'record-detail': recordDetailView(t, locale, record),
    'record-delete-confirm': recordDeleteConfirmView(t, locale, record),
    accounts: accountListView(t, publisher, { me, isAdmin: true }),
    'account-role': accountRoleView(t, publisher, colleague, false),
    'account-role-self': accountRoleView(t, publisher, me, true),
    'account-add': accountAddView(t, publisher),
    'account-remove-confirm': accountRemoveConfirmView(t, publisher, colleague, false, 1),
    'remove-self-confirm': accountRemoveConfirmView(t, publisher, me, true, 1),
    'remove-self-final': accountRemoveConfirmView(t, publisher, me, true, 2),
    'privacy-notice': privacyNoticeView(t, { privacyContact: 'privacy@example.com', conversationTtlMinutes: 30, auditRetentionDays: 1095 }),
    'erasure-receipts': receiptListView(t, locale, [receipt, olderReceipt]),
    'audit-trail': auditTrailView(t, locale, audit, nameOf),
    'wechat-code': wechatCodeView(t, locale, publisher.companyName, '482913', new Date('2025-03-05T06:32:08.000Z')),
    'wechat-binding': wechatBindingStatusView(t, locale, publisher.companyName, '2025-03-05T06:32:08.000Z'),
  };
  return views;
}


/** The values a form shows, as they would come back on submit. */
function formValues(view: View): ActionData {
  return Object.fromEntries((view.form?.fields ?? []).map((field) => [field.name, field.value ?? '']));
}

function validationErrors(schema: typeof contactInfoSchema | typeof customerServiceSchema, input: unknown): FieldError[] {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('the gallery meant these values to be refused, and they were accepted');
  return toFieldErrors(result.error);
}


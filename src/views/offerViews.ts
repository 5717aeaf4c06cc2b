/** Offers and their customer-service information: list, detail, edit, delete with confirmation. */
import type { FieldError } from '../domain/validation';
import type { Translate } from '../i18n';
import type { CustomerService, Offer, Publisher } from '../domain/publisher';
import { backToMenu, formLevelErrors, versioned, withErrors } from './common';
import { OwnText, type ActionData, type Fact, type FormField, type View } from './view';

export const CUSTOMER_SERVICE_FIELDS = ['name', 'phone', 'email', 'qq', 'wechat', 'weibo'] as const;

function customerServiceFacts(t: Translate, cs: CustomerService): Fact[] {
  return CUSTOMER_SERVICE_FIELDS.map((field) => ({ label: t(`fields.cs.${field}`), value: cs[field] ?? t('common.none') }));
}

export function offerListView(t: Translate, publisher: Publisher, version: number, notice?: View['notice']): View {
  return {
    title: OwnText.of(t, 'offers.title'),
    subtitle: publisher.companyName,
    ...(notice ? { notice } : {}),
    paragraphs: [publisher.offers.length ? t('offers.count', { count: publisher.offers.length }) : t('offers.none')],
    sections: publisher.offers.map((offer) => ({
      heading: offer.name,
      facts: [
        { label: t('fields.offerId'), value: offer.id },
        { label: t('fields.offerKind'), value: t(`offerKinds.${offer.kind}`) },
      ],
      actions: [
        versioned('offer.view', t('actions.view'), version, { offerId: offer.id }),
        versioned('offer.delete', t('actions.delete'), version, { offerId: offer.id }, 'destructive'),
      ],
    })),
    actions: [backToMenu(t)],
  };
}

export function offerDetailView(t: Translate, version: number, offer: Offer, notice?: View['notice']): View {
  return {
    title: offer.name,
    subtitle: t('offers.detailSubtitle', { kind: t(`offerKinds.${offer.kind}`), id: offer.id }),
    ...(notice ? { notice } : {}),
    sections: [{ heading: t('offers.customerService'), facts: customerServiceFacts(t, offer.customerService) }],
    actions: [
      versioned('offer.edit', t('offers.edit'), version, { offerId: offer.id }, 'positive'),
      versioned('offer.delete', t('offers.delete'), version, { offerId: offer.id }, 'destructive'),
      { verb: 'offer.list', title: t('offers.back') },
    ],
  };
}

export function offerEditView(t: Translate, version: number, offer: Offer, submitted?: ActionData, errors: FieldError[] = []): View {
  const value = (field: (typeof CUSTOMER_SERVICE_FIELDS)[number]): string => (submitted ? String(submitted[field] ?? '') : offer.customerService[field] ?? '');
  const fields: FormField[] = CUSTOMER_SERVICE_FIELDS.map((field) => ({
    name: field,
    label: t(`fields.cs.${field}`),
    kind: field === 'email' ? 'email' : field === 'phone' ? 'tel' : 'text',
    value: value(field),
    required: ['name', 'phone', 'email'].includes(field),
    errorMessage: t(field === 'name' ? 'validation.required' : `validation.${field}`),
    ...(field === 'qq' ? { pattern: '^[1-9][0-9]{4,10}$' } : {}),
    ...(field === 'wechat' ? { pattern: '^[a-zA-Z][-_a-zA-Z0-9]{5,19}$' } : {}),
    ...(field === 'phone' ? { placeholder: t('fields.phoneHint') } : {}),
    ...(['qq', 'wechat', 'weibo'].includes(field) ? { placeholder: t('common.optional') } : {}),
  }));
  const fieldNameOf = (path: string): string | undefined => ((CUSTOMER_SERVICE_FIELDS as readonly string[]).includes(path) ? path : undefined);
  return {
    title: t('offers.editTitle', { name: offer.name }),
    ...(errors.length ? { notice: { tone: 'attention' as const, text: formLevelErrors(t, errors, fieldNameOf) ?? t('errors.E-VALIDATION') } } : {}),
    form: {
      fields: withErrors(t, fields, errors, fieldNameOf),
      submit: versioned('offer.save', t('actions.save'), version, { offerId: offer.id }, 'positive'),
    },
    actions: [versioned('offer.view', t('actions.cancel'), version, { offerId: offer.id })],
  };
}

/** Shows exactly what a deletion removes: the offer and every customer-service value. */
export function offerDeleteConfirmView(t: Translate, version: number, offer: Offer): View {
  return {
    title: OwnText.of(t, 'offers.deleteTitle'),
    notice: { tone: 'warning', text: t('offers.deleteWarning') },
    facts: [
      { label: t('fields.offerName'), value: offer.name },
      { label: t('fields.offerId'), value: offer.id },
      { label: t('fields.offerKind'), value: t(`offerKinds.${offer.kind}`) },
    ],
    sections: [{ heading: t('offers.customerService'), facts: customerServiceFacts(t, offer.customerService) }],
    actions: [
      versioned('offer.delete.execute', t('offers.deleteConfirm'), version, { offerId: offer.id }, 'destructive'),
      versioned('offer.view', t('actions.cancel'), version, { offerId: offer.id }),
    ],
  };
}


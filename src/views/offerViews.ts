/** Offers and their customer-service information: list, detail, edit, delete with confirmation. */
import type { FieldError } from '../domain/validation';
import type { Translate } from '../i18n';
import { CUSTOMER_SERVICE_FIELDS, fieldNames, type CustomerServiceField } from '../domain/fieldSpecs';
import type { CustomerService, Offer, Publisher } from '../domain/publisher';
import { backToMenu, formField, formLevelErrors, versioned, withErrors } from './common';
import { OwnText, type ActionData, type Fact, type FormField, type View } from './view';

function customerServiceFacts(t: Translate, cs: CustomerService): Fact[] {
  return fieldNames(CUSTOMER_SERVICE_FIELDS).map((field) => ({ label: t(`fields.cs.${field}`), value: cs[field] ?? t('common.none') }));
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
  const value = (field: CustomerServiceField): string => (submitted ? String(submitted[field] ?? '') : offer.customerService[field] ?? '');
  const fields: FormField[] = fieldNames(CUSTOMER_SERVICE_FIELDS).map((field) => formField(t, field, CUSTOMER_SERVICE_FIELDS[field], t(`fields.cs.${field}`), value(field)));
  const fieldNameOf = (path: string): string | undefined => (Object.hasOwn(CUSTOMER_SERVICE_FIELDS, path) ? path : undefined);
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


/** Offers and their customer-service information: list, detail, edit, delete with confirmation. */
import type { FieldError } from '../domain/validation';
import type { Translate } from '../i18n';
import { CUSTOMER_SERVICE_FIELDS, fieldNames, type CustomerServiceField } from '../domain/fieldSpecs';
import type { CustomerService, Offer, Publisher } from '../domain/publisher';
import { fieldStamps, offerVersion } from '../domain/partVersions';
import { backToMenu, formField, formLevelErrors, markChanged, navigation, versioned, withErrors } from './common';
import { PAGE_SIZES, pageActions, pageLine, pageOf } from './pager';
import { OwnText, type ActionData, type Fact, type FormField, type View } from './view';

function customerServiceFacts(t: Translate, cs: CustomerService): Fact[] {
  return fieldNames(CUSTOMER_SERVICE_FIELDS).map((field) => ({ label: t(`fields.cs.${field}`), value: cs[field] ?? t('common.none') }));
}

/** One page of the offers (`page` from 0). */
export function offerListView(t: Translate, publisher: Publisher, notice?: View['notice'], page = 0): View {
  const shown = pageOf(publisher.offers, page, PAGE_SIZES.offers);
  const pageText = pageLine(t, shown);
  return {
    title: OwnText.of(t, 'offers.title'),
    subtitle: publisher.companyName,
    ...(notice ? { notice } : {}),
    paragraphs: [publisher.offers.length ? t('offers.count', { count: publisher.offers.length }) : t('offers.none'), ...(pageText ? [pageText] : [])],
    sections: shown.items.map((offer) => ({
      heading: offer.name,
      facts: [
        { label: t('fields.offerId'), value: offer.id },
        { label: t('fields.offerKind'), value: t(`offerKinds.${offer.kind}`) },
      ],
      actions: [
        navigation('offer.view', t('actions.view'), { offerId: offer.id }),
        navigation('offer.delete', t('actions.delete'), { offerId: offer.id }, 'destructive'),
      ],
    })),
    actions: [...pageActions(t, shown, 'offer.list'), backToMenu(t)],
    refresh: navigation('offer.list', t('offers.title'), { page: shown.index }),
  };
}

export function offerDetailView(t: Translate, offer: Offer, notice?: View['notice']): View {
  return {
    title: offer.name,
    subtitle: t('offers.detailSubtitle', { kind: t(`offerKinds.${offer.kind}`), id: offer.id }),
    ...(notice ? { notice } : {}),
    sections: [{ heading: t('offers.customerService'), facts: customerServiceFacts(t, offer.customerService) }],
    actions: [
      navigation('offer.edit', t('offers.edit'), { offerId: offer.id }, 'positive'),
      navigation('offer.delete', t('offers.delete'), { offerId: offer.id }, 'destructive'),
      { verb: 'offer.list', title: t('offers.back') },
    ],
    refresh: navigation('offer.view', offer.name, { offerId: offer.id }),
  };
}

/** The stored value of every field of an offer's customer-service form, by field name. */
export function customerServiceFormValues(offer: Offer): Record<string, string> {
  return Object.fromEntries(fieldNames(CUSTOMER_SERVICE_FIELDS).map((field) => [field, offer.customerService[field] ?? '']));
}

/** The edit form; after a refused or stale submit it shows what was submitted, the refused fields and those changed meanwhile. */
export function offerEditView(t: Translate, offer: Offer, submitted?: ActionData, errors: FieldError[] = [], changedSince: string[] = []): View {
  const stored = customerServiceFormValues(offer);
  const value = (field: CustomerServiceField): string => (submitted ? String(submitted[field] ?? '') : stored[field] ?? '');
  const fields: FormField[] = fieldNames(CUSTOMER_SERVICE_FIELDS).map((field) => formField(t, field, `customerService.${field}`, t(`fields.cs.${field}`), value(field)));
  const fieldNameOf = (path: string): string | undefined => (Object.hasOwn(CUSTOMER_SERVICE_FIELDS, path) ? path : undefined);
  const notice = errors.length
    ? { tone: 'attention' as const, text: formLevelErrors(t, errors, fieldNameOf) ?? t('errors.E-VALIDATION') }
    : changedSince.length
      ? { tone: 'warning' as const, text: t('stale.formChanged') }
      : undefined;
  return {
    title: t('offers.editTitle', { name: offer.name }),
    ...(notice ? { notice } : {}),
    form: {
      fields: markChanged(t, withErrors(t, fields, errors, fieldNameOf), changedSince, stored),
      // The version and stamps of what is stored now: saving this form again is not stale.
      submit: versioned('offer.save', t('actions.save'), offerVersion(offer), { offerId: offer.id, ...fieldStamps(stored) }, 'positive'),
    },
    actions: [navigation('offer.view', t('actions.cancel'), { offerId: offer.id })],
  };
}

/** Shows exactly what a deletion removes: the offer and every customer-service value. */
export function offerDeleteConfirmView(t: Translate, offer: Offer): View {
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
      versioned('offer.delete.execute', t('offers.deleteConfirm'), offerVersion(offer), { offerId: offer.id }, 'destructive'),
      navigation('offer.view', t('actions.cancel'), { offerId: offer.id }),
    ],
  };
}


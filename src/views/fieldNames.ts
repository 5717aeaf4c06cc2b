/**
 * Changed-field paths (`offers[yunfan-vm].customerService.qq`, `contacts[1].phone`) in the words a
 * publisher reads: the offer and the contact by name, the field as its form labels it. No path,
 * index or dotted name reaches a user.
 */
import type { Translate } from '../i18n';
import type { Publisher } from '../domain/publisher';

/** What a path's list positions are named by: the publisher as it is now, when the path is from this turn's change. */
export interface PathNames {
  publisher?: Publisher;
  /** Whether numeric positions (contacts, accounts) still point where they did: true only for this turn's change. */
  positionsCurrent: boolean;
}

/** A field or list by its form label; a name the locale files lack shows as itself. */
function fieldLabel(t: Translate, name: string): string {
  return t(`fields.${name}`, { defaultValue: name });
}

/** An offer's own fields, labelled as the offers view labels them. */
function offerFieldLabel(t: Translate, name: string): string {
  if (name === 'id') return t('fields.offerId');
  if (name === 'name') return t('fields.offerName');
  return name === 'kind' ? t('fields.offerKind') : fieldLabel(t, name);
}

/** One changed field, e.g. "云帆备份 · 客服 QQ", "王晓明 · 电话", "AAD 账号". */
export function describeField(t: Translate, path: string, names: PathNames = { positionsCurrent: false }): string {
  const segments = [...path.matchAll(/([A-Za-z]+)(?:\[([^\]]+)\])?/g)].map(([, name, key]) => ({ name: name!, key }));
  const [head, ...rest] = segments;
  if (!head) return path;
  const parts: string[] = [listItemName(t, head.name, head.key, names)];
  for (const [i, segment] of rest.entries()) {
    // `customerService` is a group heading the form does not show: its fields carry their own labels.
    if (segment.name === 'customerService') {
      const field = rest[i + 1]?.name;
      if (field) parts.push(t(`fields.cs.${field}`, { defaultValue: fieldLabel(t, field) }));
      break;
    }
    parts.push(head.name === 'offers' ? offerFieldLabel(t, segment.name) : fieldLabel(t, segment.name));
  }
  return parts.join(' · ');
}

/** A list item by its name (an offer by id or position, a contact or an account by position), or the list's label. */
function listItemName(t: Translate, list: string, key: string | undefined, { publisher, positionsCurrent }: PathNames): string {
  const label = fieldLabel(t, list);
  if (key === undefined) return label;
  const position = /^\d+$/.test(key) ? Number(key) : undefined;
  if (list === 'offers') {
    const offer = publisher?.offers.find((o) => o.id === key) ?? (position !== undefined && positionsCurrent ? publisher?.offers[position] : undefined);
    // A deleted offer is named by its product ID, which the offers view also shows.
    return offer ? offer.name : position === undefined ? `${label} ${key}` : label;
  }
  if (position === undefined) return `${label} ${key}`;
  if (!positionsCurrent) return label;
  if (list === 'contacts') return publisher?.contacts[position]?.name || label;
  if (list === 'aadAccounts') {
    const account = publisher?.aadAccounts[position];
    return account ? (account.displayName ?? account.upn) : label;
  }
  return label;
}

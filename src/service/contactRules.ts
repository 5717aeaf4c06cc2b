/**
 * How an edit of the contact information relates to the contacts stored: a contact is the one at its
 * position (contacts have no id; the form carries the contact info's part version, so a submit that
 * reaches the store was made on these very positions). An edit corrects or adds contacts and never
 * removes one: removal is its own confirmed action with a receipt.
 */
import { CONTACT_FIELDS, fieldNames } from '../domain/fieldSpecs';
import type { Contact } from '../domain/publisher';
import type { FieldError } from '../domain/validation';

/**
 * Refusals for contacts submitted with every field blank: clearing a contact is not how it is
 * removed, and saying so is kinder than a bare "required" under each field.
 */
export function blankContactErrors(input: unknown): FieldError[] {
  if (typeof input !== 'object' || input === null) return [];
  const { contacts } = input as { contacts?: unknown };
  if (!Array.isArray(contacts)) return [];
  return contacts.flatMap((contact: unknown, index) => {
    if (typeof contact !== 'object' || contact === null) return [];
    const values = contact as Record<string, unknown>;
    const blank = fieldNames(CONTACT_FIELDS).every((field) => values[field] === undefined || (typeof values[field] === 'string' && values[field].trim() === ''));
    return blank ? fieldNames(CONTACT_FIELDS).map((field) => ({ path: `contacts[${index}].${field}`, messageKey: 'validation.contactBlank' })) : [];
  });
}

/** The contacts after an edit: the submitted ones by position, and any stored one the submit did not carry kept as it is. */
export function editedContacts(current: readonly Contact[], submitted: readonly Contact[]): Contact[] {
  return [...submitted, ...current.slice(submitted.length)];
}


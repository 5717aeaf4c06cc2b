/**
 * A publisher whose every personal value is a unique marker that still passes validation, and the
 * list of those markers (the needles a residue scan looks for).
 */
import { randomBytes, randomInt } from 'node:crypto';
import { creditCodeCheckCharacter } from '../../src/domain/creditCode';
import { CUSTOMER_SERVICE_FIELDS, fieldNames, type CustomerServiceField } from '../../src/domain/fieldSpecs';
import { publisherSchema, type Publisher } from '../../src/domain/publisher';

export interface MarkedAccount {
  objectId: string;
  upn: string;
  displayName: string;
}

/** What one marker publisher holds; every string array lists the needles to scan for. */
export interface MarkerPublisher {
  publisher: Publisher;
  /** The WeChat openid to bind to it (not in the publisher record: bindings live beside it). */
  openid: string;
  admin: MarkedAccount;
  member: MarkedAccount;
  markers: {
    company: string[];
    /** Per contact: name, phone (national digits), e-mail. */
    contacts: string[][];
    admin: string[];
    member: string[];
    /** Per offer: its name and every customer-service value. */
    offers: string[][];
    /** Per request record: its summary. */
    records: string[][];
    binding: string[];
  };
}

/** Every marker of the publisher and its binding. */
export function allMarkers(mp: MarkerPublisher): string[] {
  const m = mp.markers;
  return [...m.company, ...m.contacts.flat(), ...m.admin, ...m.member, ...m.offers.flat(), ...m.records.flat(), ...m.binding];
}

/** `count` random decimal digits. */
function digits(count: number): string {
  return Array.from({ length: count }, () => String(randomInt(0, 10))).join('');
}

/** A mainland mobile number with unique digits: stored as +86…, scanned for by its 11 national digits. */
function mobile(): { value: string; needle: string } {
  const national = `139${digits(8)}`;
  return { value: `+86${national}`, needle: national };
}

function creditCode(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const first17 = `91${Array.from({ length: 15 }, () => alphabet.charAt(randomInt(0, alphabet.length))).join('')}`;
  return first17 + creditCodeCheckCharacter(first17);
}

/**
 * A publisher whose company name, credit code, contacts, AAD accounts (objectId, UPN, display name),
 * offer names, every customer-service field (Weibo as nickname, UID and link) and request-record
 * summaries are unique markers. Ids (publisher, offers, records) are handles, not markers: the audit
 * trail names them.
 */
export function markerPublisher(): MarkerPublisher {
  const tag = randomBytes(4).toString('hex');
  const m = (what: string): string => `MKR-${tag}-${what}`;
  const account = (who: string): MarkedAccount => ({ objectId: `mkr-${tag}-oid-${who}`, upn: `mkr-${tag}-${who}@example.com`, displayName: m(`${who}-name`) });
  const admin = account('admin');
  const member = account('member');
  const company = { companyName: m('company'), creditCode: creditCode() };

  const contacts = [0, 1].map((i) => {
    const phone = mobile();
    const contact = { name: m(`contact${i}-name`), phone: phone.value, email: `mkr-${tag}-contact${i}@example.com` };
    return { contact, needles: [contact.name, phone.needle, contact.email] };
  });

  const weibos = [`MKR${tag}wb0`, digits(12).replace(/^0/, '9'), `https://weibo.com/mkr${tag}wb2`];
  const offers = weibos.map((weibo, i) => {
    // Every customer-service field the spec lists holds a marker: its sample value, except where
    // the needle differs from the stored value (a phone is stored as +86…) or several forms are tried.
    const phone = mobile();
    const qq = `9${digits(10)}`;
    const special: Partial<Record<CustomerServiceField, { value: string; needle: string }>> = { phone, qq: { value: qq, needle: qq }, weibo: { value: weibo, needle: weibo } };
    const markers = fieldNames(CUSTOMER_SERVICE_FIELDS).map((field) => {
      const sample = CUSTOMER_SERVICE_FIELDS[field].sample(`${tag}o${i}`);
      return { field, ...(special[field] ?? { value: sample, needle: sample }) };
    });
    const customerService = Object.fromEntries(markers.map(({ field, value }) => [field, value]));
    const offer = { id: `offer-${tag}-${i}`, name: m(`offer${i}-name`), kind: 'service' as const, customerService };
    return { offer, needles: [offer.name, ...markers.map(({ needle }) => needle)] };
  });

  const now = Date.now();
  const records = [0, 1].map((i) => {
    const record = { id: `req-${tag}-${i}`, kind: '资料变更', submittedAt: new Date(now - (i + 1) * 86_400_000).toISOString(), status: '已完成', summary: m(`record${i}-summary`) };
    return { record, needles: [record.summary] };
  });

  const publisher = publisherSchema.parse({
    id: `mkr-${tag}`,
    ...company,
    contacts: contacts.map((c) => c.contact),
    aadAccounts: [
      { ...admin, role: 'admin' },
      { ...member, role: 'member' },
    ],
    offers: offers.map((o) => o.offer),
    requestRecords: records.map((r) => r.record),
  });
  const openid = `oMKR${tag}wxopenid`;
  return {
    publisher,
    openid,
    admin,
    member,
    markers: {
      company: [company.companyName, company.creditCode],
      contacts: contacts.map((c) => c.needles),
      admin: [admin.objectId, admin.upn, admin.displayName],
      member: [member.objectId, member.upn, member.displayName],
      offers: offers.map((o) => o.needles),
      records: records.map((r) => r.needles),
      binding: [openid],
    },
  };
}

/**
 * A publisher at the schema's maxima (src/domain/publisher.ts): every list as long as it may be,
 * every string as long as it may be, written in the characters that cost most once a card is JSON
 * in UTF-8 — Chinese (3 bytes each) with quotes and backslashes (escaped by JSON) among them.
 * Whatever the bot shows of it must still fit in one Teams message.
 */
import { publisherSchema, type Publisher } from '../../src/domain/publisher';

export const MAXIMA = { contacts: 20, aadAccounts: 100, offers: 500, requestRecords: 10_000 } as const;

// Mostly CJK, with the two characters JSON escapes that a display text may hold.
const WORST = '云帆數據"科技服务\\有限公司客服中心';

/** A display text of exactly `length` UTF-16 units, distinct per `seed`, of the costliest characters. */
export function worstText(length: number, seed: number | string): string {
  const tag = `${seed}`;
  let text = '';
  for (let i = 0; text.length < length - tag.length; i++) text += WORST[i % WORST.length];
  return (text + tag).slice(0, length);
}

// Id characters only: [a-z0-9_-], padded to the id's maximum.
function maxId(prefix: string, index: number, length: number): string {
  const core = `${prefix}-${index}-`;
  return core + 'x'.repeat(length - core.length);
}

/** A valid e-mail address of `length` (at most 254) characters, distinct per `seed`. */
function maxEmail(seed: string, length: number): string {
  const local = `${seed}-`.padEnd(64, 'a').slice(0, 64);
  let domain = '';
  const labelCount = Math.ceil((length - local.length - 1 - 3) / 64);
  for (let i = 0; i < labelCount; i++) domain += `${String.fromCharCode(98 + (i % 20)).repeat(63)}.`;
  const full = `${local}@${domain}cn`;
  // Trim the first label to land exactly on the length.
  const excess = full.length - length;
  return excess > 0 ? `${local}@${domain.slice(excess)}cn` : full;
}

function seedNumber(index: number, digits: number): string {
  return String(index).padStart(digits, '0');
}

/** The publisher; `adminObjectId` is its first (admin) account, the user the tests act as. */
export function maximalPublisher(adminObjectId: string, id = 'maximal-publisher'.padEnd(64, '0')): Publisher {
  return publisherSchema.parse({
    id,
    companyName: worstText(200, 'co'),
    creditCode: '91310110666007217T',
    contacts: Array.from({ length: MAXIMA.contacts }, (_, i) => ({
      name: worstText(50, `c${i}`),
      phone: `0755-8888${seedNumber(i, 4)}-${seedNumber(i, 6)}`,
      email: maxEmail(`contact${i}`, 254),
    })),
    aadAccounts: Array.from({ length: MAXIMA.aadAccounts }, (_, i) => ({
      objectId: i === 0 ? adminObjectId : `${seedNumber(i, 8)}-0000-0000-0000-${'0'.repeat(40)}`.slice(0, 64),
      upn: maxEmail(`user${i}`, 113),
      displayName: worstText(100, `a${i}`),
      role: i < 2 ? 'admin' : 'member',
    })),
    offers: Array.from({ length: MAXIMA.offers }, (_, i) => ({
      id: maxId('offer', i, 50),
      name: worstText(100, `o${i}`),
      kind: 'solutionTemplate',
      customerService: {
        name: worstText(50, `s${i}`),
        phone: `0755-8888${seedNumber(i, 4)}-${seedNumber(i, 6)}`,
        email: maxEmail(`cs${i}`, 254),
        qq: `9${seedNumber(i, 10)}`,
        wechat: `wx${seedNumber(i, 18)}`,
        weibo: `https://weibo.com/u/${'微'.repeat(200)}${i}`,
      },
    })),
    requestRecords: Array.from({ length: MAXIMA.requestRecords }, (_, i) => ({
      id: maxId('req', i, 64),
      kind: worstText(50, `k${i}`),
      submittedAt: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
      status: worstText(30, `st${i}`),
      summary: worstText(500, `r${i}`),
    })),
  });
}

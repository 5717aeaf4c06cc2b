/**
 * Stored values written as an attacker would write them: markdown links and images, autolinks, bare
 * URLs, emphasis, HTML and a line break. A card or a WeChat text must show each of them literally.
 * Validation refuses some of these at the store boundary (`<`, `>`, control characters in names);
 * the renderers must not rely on it (imports, older data, fields without that rule).
 */
import { demoPublisher } from '../../src/demo/demoPublisher';
import type { Publisher } from '../../src/domain/publisher';

/** Every host a hostile value points at: no link, image or form on a rendered card may name it. */
export const EVIL_HOST = 'evil.example';

/** The hostile markup, labelled with `tag` so a test can tell which stored value it sees. */
export function hostile(tag: string): string {
  return [
    `[Click to verify ${tag}](https://${EVIL_HOST}/phish/${tag})`,
    `![x](https://${EVIL_HOST}/img/${tag}.png)`,
    `<https://${EVIL_HOST}/auto/${tag}>`,
    `https://${EVIL_HOST}/bare/${tag}`,
    `*em-${tag}* **bold-${tag}** _u_`,
    `<a href="https://${EVIL_HOST}/html/${tag}">html-${tag}</a> <img src=x onerror=alert(1)>`,
    `\nline2-${tag}`,
  ].join(' ');
}

/** The literal markdown-link text of `hostile(tag)`: seeing it proves the value was shown, not rendered. */
export function literalLinkOf(tag: string): string {
  return `[Click to verify ${tag}](https://${EVIL_HOST}/phish/${tag})`;
}

/** The demo publisher with every stored, displayed string replaced by hostile markup. */
export function hostilePublisher(): Publisher {
  const demo = structuredClone(demoPublisher);
  return {
    ...demo,
    companyName: hostile('company'),
    creditCode: hostile('credit'),
    contacts: demo.contacts.map((contact, i) => ({ name: hostile(`contact${i}`), phone: hostile(`phone${i}`), email: hostile(`email${i}`) })),
    aadAccounts: demo.aadAccounts.map((account, i) => ({ ...account, upn: hostile(`upn${i}`), displayName: hostile(`display${i}`) })),
    offers: demo.offers.map((offer, i) => ({
      ...offer,
      id: `offer-${i}`,
      name: hostile(`offer${i}`),
      customerService: {
        name: hostile(`csname${i}`), phone: hostile(`csphone${i}`), email: hostile(`csemail${i}`),
        qq: hostile(`qq${i}`), wechat: hostile(`wechat${i}`), weibo: hostile(`weibo${i}`),
      },
    })),
    requestRecords: demo.requestRecords.map((record, i) => ({ ...record, kind: hostile(`kind${i}`), status: hostile(`status${i}`), summary: hostile(`summary${i}`) })),
  };
}

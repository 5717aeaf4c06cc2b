/**
 * Demo-like publishers for store tests, parsed through the real schema so every value is canonical.
 */
import { publisherSchema, type AadAccount, type Offer, type Publisher } from '../../src/domain/publisher';

/** Personal values the demo publisher holds; an erasure test looks for each of them on disk. */
export const DEMO_PERSONAL_VALUES = [
  '王小明',
  'xiaoming.wang@contoso.cn',
  '+8613800138000',
  'admin@contoso.partner.onmschina.cn',
  '3f2a7c1e-8b4d-4e21-9a55-0c6d2f1b7e90',
  'alexw@example.com',
  'Alex Wilber',
  '李客服',
  'support@contoso.cn',
  '87654321',
  'contoso_cs',
];

/** A valid publisher like the demo data; `id` and accounts can be varied per test. */
export function demoPublisher(id = 'contoso-cn', aadAccounts?: Array<Partial<AadAccount> & { upn: string }>): Publisher {
  return publisherSchema.parse({
    id,
    companyName: '上海康托索科技有限公司',
    creditCode: '91310110666007217T',
    contacts: [{ name: '王小明', phone: '138 0013 8000', email: 'Xiaoming.Wang@contoso.cn' }],
    aadAccounts: aadAccounts?.map((account) => ({ role: 'admin', ...account })) ?? [
      {
        objectId: '3f2a7c1e-8b4d-4e21-9a55-0c6d2f1b7e90',
        upn: 'Admin@Contoso.partner.onmschina.cn',
        displayName: 'Contoso Admin',
        role: 'admin',
      },
      { objectId: '00000000-0000-0000-0000-0000000000020', upn: 'alexw@example.com', displayName: 'Alex Wilber', role: 'member' },
    ],
    offers: [
      {
        id: 'vm-1',
        name: 'Contoso 虚拟机',
        kind: 'virtualMachine',
        customerService: {
          name: '李客服',
          phone: '400 123 4567',
          email: 'Support@contoso.cn',
          qq: '87654321',
          wechat: 'contoso_cs',
          weibo: '@contoso_cn',
        },
      },
    ],
    requestRecords: [
      { id: 'req-1', kind: 'export', submittedAt: '2024-05-01T08:00:00+08:00', status: 'done', summary: 'Data export' },
    ],
  });
}

/** A minimal valid offer with this id (concurrency tests add many). */
export function demoOffer(id: string): Offer {
  return {
    id,
    name: `Offer ${id}`,
    kind: 'service',
    customerService: { name: 'Service desk', phone: '400-123-4567', email: 'desk@contoso.cn' },
  };
}

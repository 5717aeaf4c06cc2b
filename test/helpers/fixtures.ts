/** Publishers and users the bot tests talk as: the demo publisher and a rival whose data must stay out of reach. */
import { demoPublisher, PLAYGROUND_USER } from '../../src/demo/demoPublisher';
import { publisherSchema, type Publisher } from '../../src/domain/publisher';

export const USERS = {
  /** Admin of the demo publisher (the Agents Playground's default user). */
  admin: { objectId: PLAYGROUND_USER.objectId, name: 'Alex Wilber' },
  /** Member (not admin) of the demo publisher. */
  member: { objectId: 'member-oid-0001', name: 'Member' },
  /** Member of both publishers: has to choose. */
  both: { objectId: 'both-oid-0001', name: 'Both' },
  /** Admin of the rival publisher only. */
  rival: { objectId: 'rival-oid-0001', name: 'Rival' },
  /** On no publisher's list. */
  stranger: { objectId: 'stranger-oid-0001', name: 'Stranger' },
} as const;

export const homePublisher: Publisher = publisherSchema.parse({
  ...demoPublisher,
  aadAccounts: [
    ...demoPublisher.aadAccounts,
    { objectId: USERS.member.objectId, upn: 'member@yunfan.example.cn', displayName: '普通成员', role: 'member' },
    { objectId: USERS.both.objectId, upn: 'both@yunfan.example.cn', displayName: '两边都在', role: 'member' },
  ],
});

export const rivalPublisher: Publisher = publisherSchema.parse({
  id: 'rival-tech',
  companyName: '北京对手科技有限公司',
  contacts: [{ name: '钱多多', phone: '+8613700001111', email: 'qian@rival.example.cn' }],
  aadAccounts: [
    { objectId: USERS.rival.objectId, upn: 'boss@rival.example.cn', displayName: '钱总', role: 'admin' },
    { objectId: USERS.both.objectId, upn: 'both@rival.example.cn', displayName: '两边都在', role: 'admin' },
  ],
  offers: [
    {
      id: 'rival-offer',
      name: '对手云主机',
      kind: 'virtualMachine',
      customerService: { name: '对手客服', phone: '400-100-2000', email: 'cs@rival.example.cn', qq: '99887766', wechat: 'rival_cs', weibo: '对手官方微博' },
    },
  ],
  requestRecords: [{ id: 'rival-req-1', kind: '资料变更', submittedAt: '2025-02-01T08:00:00+08:00', status: '已完成', summary: '对手的记录' }],
});

/**
 * The demo publisher loaded on first start of an empty embedded store, so the bot can be tried at
 * once. Its AAD accounts include the Microsoft 365 Agents Playground's default user.
 */
import { publisherSchema, type Publisher } from '../domain/publisher';

/** The Agents Playground's default user (its aadObjectId is not a strict GUID). */
export const PLAYGROUND_USER = { objectId: '00000000-0000-0000-0000-0000000000020', upn: 'alexw@example.com', name: 'Alex Wilber' } as const;

export const demoPublisher: Publisher = publisherSchema.parse({
  id: 'contoso-cn',
  companyName: '上海云帆信息技术有限公司',
  creditCode: '91310110666007217T',
  contacts: [
    { name: '王晓明', phone: '+8613800138000', email: 'wang.xiaoming@yunfan.example.cn' },
    { name: '李娜', phone: '021-61234567-808', email: 'li.na@yunfan.example.cn' },
  ],
  aadAccounts: [
    { objectId: PLAYGROUND_USER.objectId, upn: PLAYGROUND_USER.upn, displayName: PLAYGROUND_USER.name, role: 'admin' },
    { upn: 'zhang.wei@yunfan.partner.onmschina.cn', displayName: '张伟', role: 'member' },
  ],
  offers: [
    {
      id: 'yunfan-backup-vm',
      name: '云帆备份服务器',
      kind: 'virtualMachine',
      customerService: { name: '云帆客服中心', phone: '400-820-1234', email: 'support@yunfan.example.cn', qq: '800012345', wechat: 'yunfan_support', weibo: 'https://weibo.com/u/5601234567' },
    },
    {
      id: 'yunfan-k8s-template',
      name: '云帆容器平台模板',
      kind: 'solutionTemplate',
      customerService: { name: '赵磊', phone: '+8613912345678', email: 'zhao.lei@yunfan.example.cn', qq: '1234567890', wechat: 'zhaolei-yf', weibo: '云帆技术支持' },
    },
    {
      id: 'yunfan-managed-db',
      name: '云帆托管数据库',
      kind: 'service',
      customerService: { name: '陈静', phone: '010-82345678', email: 'db-help@yunfan.example.cn', qq: '2876543210', wechat: 'chenjing_db', weibo: '5609876543' },
    },
  ],
  requestRecords: [
    { id: 'req-20240312-001', kind: '资料变更', submittedAt: '2024-03-12T09:15:00+08:00', status: '已完成', summary: '更新公司联系人电话' },
    { id: 'req-20240605-002', kind: '产品上架', submittedAt: '2024-06-05T14:30:00+08:00', status: '已完成', summary: '提交云帆托管数据库上架申请' },
    { id: 'req-20241020-003', kind: '账号权限', submittedAt: '2024-10-20T10:00:00+08:00', status: '处理中', summary: '申请添加 AAD 成员账号' },
    { id: 'req-20250108-004', kind: '发票申请', submittedAt: '2025-01-08T16:45:00+08:00', status: '已驳回', summary: '申请 2024 年第四季度服务费发票' },
  ],
});

/**
 * The benchmark's publishers and its mixed privacy load, shared by `npm run bench` (bench/http.ts)
 * and the profiler (bench/profile.ts), so both measure the same turns.
 */
import type autocannon from 'autocannon';
import { aadActorId } from '../src/audit/actorHash';
import { PrivacyService } from '../src/service/privacyService';
import type { WechatPeer } from '../test/helpers/wechatPeer';
import { publisherSchema, type Publisher } from '../src/domain/publisher';
import type { StoreEngine } from '../src/store/types';

export const APP_ID = 'bench-bot-app-id';
export const BENCH_SALT = 'bench-salt-0123456789abcdef';
export const SERVICE_URL = 'http://127.0.0.1:9/bench';
const PHONES = ['+8613800138000', '+8613900139000'];

export function benchPublisher(i: number): Publisher {
  return publisherSchema.parse({
    id: `bench-${i}`,
    companyName: `基准测试公司 ${i}`,
    creditCode: '91310110666007217T',
    contacts: [{ name: '王晓明', phone: PHONES[0], email: `wang${i}@bench.example.cn` }],
    aadAccounts: [{ objectId: `bench-oid-${i}`, upn: `admin${i}@bench.example.cn`, displayName: `Admin ${i}`, role: 'admin' }],
    offers: [{ id: 'vm', name: '备份服务器', kind: 'virtualMachine', customerService: { name: '客服', phone: '400-820-1234', email: `cs${i}@bench.example.cn`, qq: '800012345', wechat: 'bench_cs', weibo: '5601234567' } }],
    requestRecords: [{ id: 'req-1', kind: '资料变更', submittedAt: '2024-03-12T09:15:00+08:00', status: '已完成', summary: '更新电话' }],
  });
}

/** Adds publishers until the store holds `count`. */
export async function seed(store: StoreEngine, from: number, count: number): Promise<void> {
  for (let start = from; start < count; start += 50) {
    await Promise.all(Array.from({ length: Math.min(50, count - start) }, (_, k) => store.publishers.put(benchPublisher(start + k), 'any')));
  }
}

export function activity(user: number, body: Record<string, unknown>): string {
  return JSON.stringify({
    channelId: 'msteams', serviceUrl: SERVICE_URL, locale: 'zh-CN', deliveryMode: 'expectReplies', type: 'message',
    from: { id: `29:bench-${user}`, aadObjectId: `bench-oid-${user}` }, recipient: { id: '28:bot' },
    conversation: { id: `a:bench-${user}`, conversationType: 'personal' }, ...body,
  });
}

export interface Context { user?: number; v?: string; flip?: number }

/** The version the last answer showed (the save must name it). */
export function noteVersion(body: string, context: Context): void {
  // Versions are content hashes (strings) in the card's action data.
  const v = /\\?"v\\?":\\?"([^"\\]+)/.exec(body)?.[1];
  if (v !== undefined) context.v = v;
}

/** The mixed load for `connections` connections: each connection is one publisher's admin. */
export class MixedLoad {
  private nextUser = 0;

  constructor(private readonly connections: number) {}

  userOf(context: Context): number {
    return (context.user ??= this.nextUser++ % this.connections);
  }

  /** One activity body per step: menu, contact view, offers list, edit form, save (two phones alternating), records page. */
  readonly steps: ((context: Context) => Record<string, unknown>)[] = [
    () => ({ text: '菜单' }),
    () => ({ value: { verb: 'contact.view' } }),
    () => ({ value: { verb: 'offer.list' } }),
    // The edit form carries the version a save must name, as in Teams (a view shows none).
    () => ({ value: { verb: 'contact.edit' } }),
    (c) => {
      c.flip = ((c.flip ?? 0) + 1) % 2;
      const i = this.userOf(c);
      return { value: { verb: 'contact.save', v: c.v ?? '', rows: 2, companyName: `基准测试公司 ${i}`, creditCode: '91310110666007217T', 'contact.0.name': '王晓明', 'contact.0.phone': PHONES[c.flip], 'contact.0.email': `wang${i}@bench.example.cn` } };
    },
    () => ({ value: { verb: 'record.list', page: 0 } }),
  ];

  requests(): autocannon.Request[] {
    return this.steps.map((value) => ({
      method: 'POST',
      setupRequest: (req: autocannon.Request, context: Context) => ({ ...req, body: activity(this.userOf(context), value(context)) }),
      onResponse: (_status: number, body: string, context: Context) => noteVersion(body, context),
    }));
  }
}

/**
 * WeChat safe-mode text turns: each connection is a WeChat user bound to its own publisher
 * (`wechatOpenid(i)`), alternating the menu and its first entry; every message freshly signed and
 * encrypted, with its own MsgId (a repeated one would be answered from the dedupe store).
 */
export class WechatLoad {
  private nextUser = 0;
  private sent = 0;

  constructor(
    private readonly connections: number,
    private readonly peer: WechatPeer,
  ) {}

  requests(): autocannon.Request[] {
    return ['菜单', '1'].map((content) => ({
      method: 'POST',
      setupRequest: (req: autocannon.Request, context: Context) => {
        const user = (context.user ??= this.nextUser++ % this.connections);
        const msgId = `${Date.now()}${String(++this.sent).padStart(8, '0')}`;
        const { query, body } = this.peer.sign(this.peer.messageXml(wechatOpenid(user), { MsgType: 'text', Content: content, MsgId: msgId }));
        return { ...req, path: `/wechat?${query.toString()}`, headers: { 'content-type': 'text/xml' }, body };
      },
    }));
  }
}

export function wechatOpenid(user: number): string {
  return `obench${String(user).padStart(22, '0')}`;
}

/** Binds `wechatOpenid(i)` to publisher `bench-i` for each of the first `count`, as its admin's code would. */
export async function bindWechatUsers(store: StoreEngine, count: number): Promise<void> {
  const service = new PrivacyService(store, BENCH_SALT);
  for (let i = 0; i < count; i += 1) {
    if (await service.bindings.bindingOf(wechatOpenid(i))) continue;
    const objectId = `bench-oid-${i}`;
    const { code } = await service.bindings.issueCode({ publisherId: `bench-${i}`, role: 'admin', actorId: aadActorId(BENCH_SALT, objectId), identity: { channel: 'aad', objectId } });
    const outcome = await service.bindings.bind(wechatOpenid(i), code);
    if (outcome.kind !== 'bound') throw new Error(`could not bind the bench's WeChat user ${i}: ${outcome.kind}`);
  }
}

/**
 * Runs a seeded fuzz campaign against a running bot server: a fixed mix of mutated activities and
 * WeChat callbacks, a few in flight at a time over keep-alive connections, with every answer tallied.
 * Shared by the in-suite fuzz test and `npm run fuzz`.
 */
import { Agent, request } from 'node:http';
import { fuzzActivity, fuzzWechatRequest, SeededRandom, type FuzzRequest, type WechatFuzzOptions } from './fuzzInputs';

export interface FuzzCampaign {
  baseUrl: string;
  seed: number;
  activities: number;
  wechatRequests: number;
  /** Where replies outside the HTTP response go (a FakeConnector). */
  connectorUrl: string;
  wechat: WechatFuzzOptions;
  concurrency: number;
  onProgress?: (done: number, total: number) => void;
}

export interface FuzzFinding {
  index: number;
  label: string;
  /** The HTTP status, or 0 when the request got no answer at all. */
  status: number;
  detail: string;
}

export interface FuzzResult {
  /** How many answers had each status (`0`: no answer), by endpoint: `activity 200`, `wechat 400`. */
  statuses: Record<string, number>;
  /** Undocumented answers ≥ 500, and requests without an answer. */
  findings: FuzzFinding[];
  sent: number;
}

/** The cases in order: the campaign's seed decides each case, so index `i` is reproducible. */
export function* fuzzCases(campaign: Pick<FuzzCampaign, 'seed' | 'activities' | 'wechatRequests' | 'connectorUrl' | 'wechat'>): Generator<FuzzRequest> {
  const random = new SeededRandom(campaign.seed);
  const total = campaign.activities + campaign.wechatRequests;
  let activities = 0;
  let wechat = 0;
  for (let index = 0; index < total; index++) {
    // Interleave the two kinds in proportion, so both endpoints are busy at once.
    const takeActivity = wechat >= campaign.wechatRequests || (activities < campaign.activities && random.next() < campaign.activities / total);
    if (takeActivity) yield fuzzActivity(random, campaign.connectorUrl, activities++);
    else yield fuzzWechatRequest(random, campaign.wechat, wechat++);
  }
}

export async function runFuzzCampaign(campaign: FuzzCampaign): Promise<FuzzResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: campaign.concurrency });
  const statuses: Record<string, number> = {};
  const findings: FuzzFinding[] = [];
  const cases = fuzzCases(campaign);
  const total = campaign.activities + campaign.wechatRequests;
  let index = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const next = cases.next();
      if (next.done) return;
      const caseIndex = index++;
      const { status, body } = await send(campaign.baseUrl, next.value, agent);
      const tally = `${next.value.path.startsWith('/wechat') ? 'wechat' : 'activity'} ${status}`;
      statuses[tally] = (statuses[tally] ?? 0) + 1;
      if (status === 0 || (status >= 500 && !next.value.documented5xx.includes(status))) findings.push({ index: caseIndex, label: next.value.label, status, detail: body.slice(0, 300) });
      done++;
      campaign.onProgress?.(done, total);
    }
  };
  try {
    await Promise.all(Array.from({ length: campaign.concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return { statuses, findings, sent: done };
}

function send(baseUrl: string, fuzz: FuzzRequest, agent: Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = request(`${baseUrl}${fuzz.path}`, { method: fuzz.method, headers: fuzz.headers, agent, timeout: 30_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', (error) => resolve({ status: response.statusCode ?? 0, body: `response broke: ${error.message}` }));
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', (error) => resolve({ status: 0, body: `no answer: ${error.message}` }));
    req.end(fuzz.body);
  });
}

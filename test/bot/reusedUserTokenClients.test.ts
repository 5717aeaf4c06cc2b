/**
 * Issue 13 item 3: botbuilder built a user-token client (credentials and a REST pipeline) on every
 * turn. The adapter now hands every turn of one bot app id the same client; another app id gets its own.
 */
import assert from 'node:assert/strict';
import { ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity } from 'botframework-connector';
import { GuardedCloudAdapter } from '../../src/bot/guardedCloudAdapter';
import { ReusedUserTokenClients } from '../../src/bot/reusedUserTokenClients';

const activity = (id: string): Record<string, unknown> => ({
  type: 'message', id, channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/unused', deliveryMode: 'expectReplies',
  from: { id: '29:user' }, recipient: { id: '28:bot' }, conversation: { id: 'a:conversation' }, text: 'hi',
});

describe('one user-token client per bot app id, not one per turn', () => {
  it('gives two anonymous turns the same user-token client', async () => {
    const adapter = new GuardedCloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    const seen: unknown[] = [];
    const logic = (context: TurnContext): Promise<void> => {
      seen.push(context.turnState.get(adapter.UserTokenClientKey));
      return Promise.resolve();
    };
    assert.equal((await adapter.processRequest(activity('1'), '', logic)).kind, 'done');
    assert.equal((await adapter.processRequest(activity('2'), '', logic)).kind, 'done');
    assert.equal(seen.length, 2);
    assert.ok(seen[0] !== undefined, 'the turn has a user-token client');
    assert.equal(seen[1], seen[0]);
  });

  it('keeps one client per app id: the same audience shares, another gets its own', async () => {
    const authentication = new ReusedUserTokenClients(new ConfigurationBotFrameworkAuthentication({}));
    const of = (appId: string): ClaimsIdentity => new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], true);
    const first = await authentication.createUserTokenClient(of('app-a'));
    assert.equal(await authentication.createUserTokenClient(of('app-a')), first);
    assert.notEqual(await authentication.createUserTokenClient(of('app-b')), first);
  });
});

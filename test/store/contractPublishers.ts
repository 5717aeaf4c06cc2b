/**
 * Contract: the publisher repository (versions, conflicts, lookups by AAD identity).
 */
import assert from 'node:assert/strict';
import { ConflictError } from '../../src/store/types';
import type { ContractContext } from './contract';
import { demoPublisher } from './demoPublisher';

/** Registers the publisher-repository part of the contract. */
export function publisherContract(ctx: ContractContext): void {
  describe('publishers', () => {
    it('stores a new publisher at version 1 and reads it back canonical', async () => {
      const { publishers } = ctx.store();
      assert.equal(await publishers.get('contoso-cn'), undefined);
      assert.equal(await publishers.put(demoPublisher(), 'new'), 1);
      assert.deepEqual(await publishers.get('contoso-cn'), { version: 1, publisher: demoPublisher() });
    });

    it('returns a copy: changing what get returned changes nothing stored', async () => {
      const { publishers } = ctx.store();
      await publishers.put(demoPublisher(), 'new');
      const read = await publishers.get('contoso-cn');
      read?.publisher.contacts.splice(0);
      assert.equal((await publishers.get('contoso-cn'))?.publisher.contacts.length, 1);
    });

    it('grows the version by one on every write and rejects a stale version', async () => {
      const { publishers } = ctx.store();
      await publishers.put(demoPublisher(), 'new');
      const renamed = { ...demoPublisher(), companyName: 'Contoso 2' };
      assert.equal(await publishers.put(renamed, 1), 2);
      await assert.rejects(publishers.put(demoPublisher(), 1), (error: unknown) => {
        assert.ok(error instanceof ConflictError);
        assert.equal(error.code, 'E-CONFLICT');
        assert.equal(error.publisherId, 'contoso-cn');
        return true;
      });
      assert.deepEqual(await publishers.get('contoso-cn'), { version: 2, publisher: renamed });
    });

    it("rejects 'new' when the id exists and a version when it does not", async () => {
      const { publishers } = ctx.store();
      await assert.rejects(publishers.put(demoPublisher(), 1), ConflictError);
      await publishers.put(demoPublisher(), 'new');
      await assert.rejects(publishers.put(demoPublisher(), 'new'), ConflictError);
      assert.equal((await publishers.get('contoso-cn'))?.version, 1);
    });

    it("writes whatever is there with 'any'", async () => {
      const { publishers } = ctx.store();
      assert.equal(await publishers.put(demoPublisher(), 'any'), 1);
      assert.equal(await publishers.put(demoPublisher(), 'any'), 2);
    });

    it('refuses an invalid publisher and stores nothing', async () => {
      const { publishers } = ctx.store();
      const noAdmin = { ...demoPublisher(), aadAccounts: [{ upn: 'a@contoso.cn', role: 'member' as const }] };
      await assert.rejects(publishers.put(noAdmin, 'new'));
      assert.equal(await publishers.get('contoso-cn'), undefined);
      assert.deepEqual(await publishers.listIds(), []);
    });

    it('deletes only at the expected version', async () => {
      const { publishers } = ctx.store();
      await publishers.put(demoPublisher(), 'new');
      await publishers.put(demoPublisher(), 1);
      await assert.rejects(publishers.delete('contoso-cn', 1), ConflictError);
      await publishers.delete('contoso-cn', 2);
      assert.equal(await publishers.get('contoso-cn'), undefined);
      await assert.rejects(publishers.delete('contoso-cn', 2), ConflictError);
      await publishers.delete('contoso-cn', 'any'); // absent: nothing to do
      assert.equal(await publishers.put(demoPublisher(), 'new'), 1);
    });

    it('lists ids sorted, without deleted ones', async () => {
      const { publishers } = ctx.store();
      for (const id of ['zeta', 'alpha', 'mid-1']) await publishers.put(demoPublisher(id), 'new');
      await publishers.delete('mid-1', 'any');
      assert.deepEqual(await publishers.listIds(), ['alpha', 'zeta']);
    });

    it('treats an id that cannot be a publisher id as absent', async () => {
      const { publishers } = ctx.store();
      assert.equal(await publishers.get('../contoso-cn'), undefined);
      await publishers.delete('../x', 'any');
      await assert.rejects(publishers.delete('../x', 1), ConflictError);
    });

    lookupContract(ctx);
  });
}

function lookupContract(ctx: ContractContext): void {
  describe('lookups by AAD identity', () => {
    it('finds publishers by objectId and by UPN in any case', async () => {
      const { publishers } = ctx.store();
      await publishers.put(demoPublisher('contoso-cn'), 'new');
      await publishers.put(demoPublisher('fabrikam', [{ objectId: 'fab-1', upn: 'alexw@example.com' }]), 'new');
      assert.deepEqual(await publishers.findByAadObjectId('3f2a7c1e-8b4d-4e21-9a55-0c6d2f1b7e90'), ['contoso-cn']);
      assert.deepEqual(await publishers.findByAadObjectId('fab-1'), ['fabrikam']);
      assert.deepEqual(await publishers.findByUpn('ALEXW@Example.COM'), ['contoso-cn', 'fabrikam']);
      assert.deepEqual(await publishers.findByUpn(' admin@CONTOSO.partner.onmschina.cn '), ['contoso-cn']);
      assert.deepEqual(await publishers.findByUpn('nobody@example.com'), []);
      assert.deepEqual(await publishers.findByAadObjectId('unknown'), []);
      assert.deepEqual(await publishers.findByAadObjectId(''), []);
    });

    it('follows changes to the account list', async () => {
      const { publishers } = ctx.store();
      await publishers.put(demoPublisher(), 'new');
      const changed = demoPublisher('contoso-cn', [{ objectId: 'new-admin', upn: 'New.Admin@contoso.cn' }]);
      await publishers.put(changed, 1);
      assert.deepEqual(await publishers.findByUpn('alexw@example.com'), []);
      assert.deepEqual(await publishers.findByAadObjectId('3f2a7c1e-8b4d-4e21-9a55-0c6d2f1b7e90'), []);
      assert.deepEqual(await publishers.findByUpn('new.admin@CONTOSO.cn'), ['contoso-cn']);
      assert.deepEqual(await publishers.findByAadObjectId('new-admin'), ['contoso-cn']);
    });

    it('forgets a deleted publisher, and a failed write adds nothing', async () => {
      const { publishers } = ctx.store();
      await publishers.put(demoPublisher(), 'new');
      await assert.rejects(publishers.put(demoPublisher('contoso-cn', [{ objectId: 'intruder', upn: 'x@evil.example' }]), 7), ConflictError);
      assert.deepEqual(await publishers.findByUpn('x@evil.example'), []);
      assert.deepEqual(await publishers.findByAadObjectId('intruder'), []);
      await publishers.delete('contoso-cn', 1);
      assert.deepEqual(await publishers.findByUpn('alexw@example.com'), []);
      assert.deepEqual(await publishers.findByAadObjectId('00000000-0000-0000-0000-0000000000020'), []);
      assert.deepEqual(await publishers.listIds(), []);
    });
  });
}

/**
 * Contract: the audit trail (append, newest first, limit, purge by age).
 */
import assert from 'node:assert/strict';
import type { AuditEntry } from '../../src/store/types';
import type { ContractContext } from './contract';

function entry(at: string, action: string, publisherId = 'contoso-cn', extra: Partial<AuditEntry> = {}): AuditEntry {
  return { at, actor: 'h:5f0c', publisherId, action, fields: ['contacts[0].phone'], ...extra };
}

/** Registers the audit part of the contract. */
export function auditContract(ctx: ContractContext): void {
  describe('audit', () => {
    it('lists a publisher’s entries newest first, same-time entries latest first', async () => {
      const { audit } = ctx.store();
      await audit.append(entry('2024-05-01T10:00:00.000Z', 'a'));
      await audit.append(entry('2024-05-03T10:00:00.000Z', 'c', 'contoso-cn', { receiptId: 'r-1' }));
      await audit.append(entry('2024-05-02T10:00:00.000Z', 'b'));
      await audit.append(entry('2024-05-02T10:00:00.000Z', 'b2'));
      await audit.append(entry('2024-05-04T10:00:00.000Z', 'other', 'fabrikam'));
      const listed = await audit.list('contoso-cn');
      assert.deepEqual(
        listed.map((e) => e.action),
        ['c', 'b2', 'b', 'a'],
      );
      assert.deepEqual(listed[0], entry('2024-05-03T10:00:00.000Z', 'c', 'contoso-cn', { receiptId: 'r-1' }));
      assert.deepEqual(await audit.list('nobody'), []);
    });

    it('honours the limit', async () => {
      const { audit } = ctx.store();
      for (let day = 1; day <= 5; day += 1) await audit.append(entry(`2024-05-0${day}T00:00:00.000Z`, `d${day}`));
      assert.deepEqual(
        (await audit.list('contoso-cn', 2)).map((e) => e.action),
        ['d5', 'd4'],
      );
      assert.equal((await audit.list('contoso-cn', 50)).length, 5);
    });

    it('stores only the audit fields, never a stray value', async () => {
      const { audit } = ctx.store();
      const sneaky = { ...entry('2024-05-01T00:00:00.000Z', 'contact.update'), oldValue: '+8613800138000' };
      await audit.append(sneaky);
      assert.deepEqual(await audit.list('contoso-cn'), [entry('2024-05-01T00:00:00.000Z', 'contact.update')]);
    });

    it('rejects an entry without a valid time', async () => {
      await assert.rejects(ctx.store().audit.append(entry('yesterday', 'x')));
    });

    it('purges entries older than the cut-off across publishers', async () => {
      const { audit } = ctx.store();
      await audit.append(entry('2023-01-01T00:00:00.000Z', 'old'));
      await audit.append(entry('2023-06-01T00:00:00.000Z', 'old2', 'fabrikam'));
      await audit.append(entry('2024-01-01T00:00:00.000Z', 'cut-off'));
      await audit.append(entry('2024-06-01T00:00:00.000Z', 'new'));
      assert.equal(await audit.purgeBefore(new Date('2024-01-01T00:00:00.000Z')), 2);
      assert.deepEqual(
        (await audit.list('contoso-cn')).map((e) => e.action),
        ['new', 'cut-off'],
      );
      assert.deepEqual(await audit.list('fabrikam'), []);
      assert.equal(await audit.purgeBefore(new Date('2024-01-01T00:00:00.000Z')), 0);
      await audit.append(entry('2024-07-01T00:00:00.000Z', 'after-purge', 'fabrikam'));
      assert.equal((await audit.list('fabrikam')).length, 1);
    });
  });
}

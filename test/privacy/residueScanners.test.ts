/** The residue scanners themselves: a scan that cannot find a marker would prove nothing. */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from 'redis';
import { deleteKeysWithPrefix, randomKeyPrefix, redisUrl, requireRedis } from '../helpers/redis';
import { allMarkers, markerPublisher, missing, scanDataDir, scanRedis, scanText } from '../helpers/residue';

describe('Residue scanners', () => {
  it('build a publisher whose every marker is unique, passes validation and is found in its own record', () => {
    const mp = markerPublisher();
    const markers = allMarkers(mp);
    assert.equal(new Set(markers.map((m) => m.toLowerCase())).size, markers.length, 'no two markers are equal');
    for (const a of markers) for (const b of markers) if (a !== b) assert.ok(!b.toLowerCase().includes(a.toLowerCase()), `${a} is inside ${b}`);
    const record = JSON.stringify(mp.publisher);
    assert.deepEqual(missing(allMarkers(mp).filter((m) => m !== mp.openid), scanText('record', record, markers)), []);
    assert.notEqual(markerPublisher().publisher.id, mp.publisher.id, 'every call gives fresh markers');
  });

  it('match case-insensitively and name where they matched', () => {
    assert.deepEqual(scanText('x', 'a MKR-abc b', ['mkr-ABC', 'absent']), [{ needle: 'mkr-ABC', where: 'x' }]);
  });

  it('find markers in every file under a data directory, nested or not, and in file names', async () => {
    const dir = await fs.mkdtemp(path.join(tmpdir(), 'ppa-scan-'));
    try {
      await fs.mkdir(path.join(dir, 'a', 'b'), { recursive: true });
      await fs.writeFile(path.join(dir, 'top.json'), '{"v":"needle-one"}');
      await fs.writeFile(path.join(dir, 'a', 'b', 'deep.jsonl'), Buffer.from('line\n中文 needle-two\n', 'utf8'));
      await fs.writeFile(path.join(dir, 'a', 'needle-three.lock'), '');
      const hits = await scanDataDir(dir, ['needle-one', 'needle-two', 'needle-three', 'needle-four']);
      assert.deepEqual(
        hits.map((hit) => [hit.needle, hit.where]).sort(),
        [
          ['needle-one', 'top.json'],
          ['needle-three', path.join('a', 'needle-three.lock')],
          ['needle-two', path.join('a', 'b', 'deep.jsonl')],
        ],
      );
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  describe('on Redis', () => {
    const prefix = randomKeyPrefix('scan');
    before(async function () {
      await requireRedis(this);
    });
    after(async () => deleteKeysWithPrefix(prefix));

    it('find markers in every key type under the prefix, in key names, and nowhere outside the prefix', async () => {
      const client = createClient({ url: redisUrl() });
      client.on('error', () => undefined);
      await client.connect();
      const outside = `${randomKeyPrefix('scan-outside')}k`;
      try {
        await client.set(`${prefix}string`, 'x m-string x');
        await client.hSet(`${prefix}hash`, { field: 'm-hash-value', 'm-hash-field': 'v' });
        await client.zAdd(`${prefix}zset`, { score: 1, value: '0001|m-zset' });
        await client.sAdd(`${prefix}set`, 'm-set');
        await client.rPush(`${prefix}list`, ['a', 'm-list']);
        await client.set(`${prefix}name-m-key`, '');
        await client.set(outside, 'm-outside');
        const needles = ['m-string', 'm-hash-value', 'm-hash-field', 'm-zset', 'm-set', 'm-list', 'm-key', 'm-outside'];
        const hits = await scanRedis(prefix, needles);
        assert.deepEqual(missing(needles, hits), ['m-outside']);
        assert.ok(hits.every((hit) => hit.where.startsWith(prefix)));
      } finally {
        await client.del(outside);
        await client.close();
      }
    });
  });
});

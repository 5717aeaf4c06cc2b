/**
 * The Lua scripts that make each conditional write one atomic step on the server. Each touches
 * only keys of one hash slot (Redis Cluster runs a script on the one node that owns them), and every
 * write of the engine is one of them, so every write is fenced by its deadline (see `LuaScript`).
 */
import { LuaScript } from './redisClient';

/**
 * Compare-and-set of a publisher hash (fields `version`, `data`).
 * KEYS[1] publisher; ARGV[1] expected ('new' | 'any' | version); ARGV[2] publisher JSON.
 * Returns {newVersion, previous JSON or nil}, or {0} when the expected version does not hold.
 */
export const putPublisherScript = new LuaScript(`
local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
local expected = ARGV[1]
if expected == 'new' then
  if current ~= 0 then return {0} end
elseif expected ~= 'any' then
  if current == 0 or tonumber(expected) ~= current then return {0} end
end
local previous = redis.call('HGET', KEYS[1], 'data')
redis.call('HSET', KEYS[1], 'version', current + 1, 'data', ARGV[2])
return {current + 1, previous}
`);

/**
 * Conditional delete of a publisher. KEYS[1] publisher; ARGV[1] expected ('any' | version).
 * Returns {1, previous JSON or nil} when done (or nothing was there and 'any' was asked), {0} on conflict.
 */
export const deletePublisherScript = new LuaScript(`
local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if current == 0 then
  if ARGV[1] == 'any' then return {1} end
  return {0}
end
if ARGV[1] ~= 'any' and tonumber(ARGV[1]) ~= current then return {0} end
local previous = redis.call('HGET', KEYS[1], 'data')
redis.call('DEL', KEYS[1])
return {1, previous}
`);

/**
 * Appends an audit entry; the sequence number orders entries that share a millisecond.
 * KEYS[1] sorted set, KEYS[2] sequence (same slot); ARGV[1] score (epoch ms), ARGV[2] entry JSON.
 */
export const appendAuditScript = new LuaScript(`
local seq = redis.call('INCR', KEYS[2])
redis.call('ZADD', KEYS[1], ARGV[1], string.format('%016d', seq) .. '|' .. ARGV[2])
return seq
`);

/**
 * Conditional write of a key-value hash (fields `value`, `etag`).
 * KEYS[1] key; ARGV: value JSON, new etag, ifAbsent ('1'|''), has ifEtag ('1'|''), ifEtag, ttl ms ('' = none).
 * Returns 1 when written, 0 when a condition did not hold.
 */
export const putValueScript = new LuaScript(`
local current = redis.call('HGET', KEYS[1], 'etag')
if current then
  if ARGV[3] == '1' then return 0 end
  if ARGV[4] == '1' and current ~= ARGV[5] then return 0 end
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'value', ARGV[1], 'etag', ARGV[2])
if ARGV[6] ~= '' then redis.call('PEXPIRE', KEYS[1], ARGV[6]) end
return 1
`);

/** Conditional delete. KEYS[1] key; ARGV: has ifEtag ('1'|''), ifEtag. Returns 1 when deleted. */
export const deleteValueScript = new LuaScript(`
local current = redis.call('HGET', KEYS[1], 'etag')
if not current then return 0 end
if ARGV[1] == '1' and current ~= ARGV[2] then return 0 end
redis.call('DEL', KEYS[1])
return 1
`);

/**
 * Counter in the `value` field; the expiry is set when the counter is created and never extended.
 * KEYS[1] key; ARGV[1] ttl ms, ARGV[2] new etag. Returns the new count.
 */
export const incrementScript = new LuaScript(`
local existed = redis.call('EXISTS', KEYS[1])
local count = redis.call('HINCRBY', KEYS[1], 'value', 1)
redis.call('HSET', KEYS[1], 'etag', ARGV[2])
if existed == 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count
`);

/** SADD of one member, fenced like every write. KEYS[1] set; ARGV[1] member. Returns 1 when added. */
export const setAddScript = new LuaScript(`
return redis.call('SADD', KEYS[1], ARGV[1])
`);

/** SREM of one member, fenced like every write. KEYS[1] set; ARGV[1] member. Returns 1 when removed. */
export const setRemoveScript = new LuaScript(`
return redis.call('SREM', KEYS[1], ARGV[1])
`);

/** ZREMRANGEBYSCORE, fenced like every write. KEYS[1] sorted set; ARGV[1] min, ARGV[2] max. Returns the count. */
export const removeByScoreScript = new LuaScript(`
return redis.call('ZREMRANGEBYSCORE', KEYS[1], ARGV[1], ARGV[2])
`);

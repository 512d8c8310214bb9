import { createHash } from 'node:crypto';

/**
 * The Lua scripts: each one is atomic on the server, touches only the keys passed in KEYS (all with
 * one hash tag, see redis-keys.ts) and reads time from Redis TIME, never from a client clock.
 * Scripts that call TIME and then write need effects replication: the default since Redis 5, and
 * `redis.replicate_commands()` turns it on for older servers (a no-op on Redis 7).
 */

export interface LuaScript {
  readonly name: string;
  readonly source: string;
  readonly sha1: string;
}

function lua(name: string, source: string): LuaScript {
  return { name, source, sha1: createHash('sha1').update(source).digest('hex') };
}

/**
 * Reserves the next send slot of a rate budget (burst 1: slots are `interval` µs apart in Redis time).
 * KEYS[1] rate key (the next free slot, µs). ARGV[1] interval µs, ARGV[2] horizon µs (-1: none).
 * A caller with a horizon only reserves a slot that starts within `horizon` of now; otherwise it is
 * told how long to wait before asking again. So ordinary callers never book the budget far ahead,
 * and a caller without a horizon (priority) always gets a slot at most about one horizon away.
 * Returns {1, µs until the slot, Redis now µs} when granted, {0, µs to wait before asking again} when not.
 */
export const RESERVE_SLOT = lua(
  'reserve-slot',
  `if redis.replicate_commands then redis.replicate_commands() end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local slot = tonumber(redis.call('GET', KEYS[1]) or '0')
if slot < now then slot = now end
local horizon = tonumber(ARGV[2])
if horizon >= 0 and slot - now > horizon then
  return {0, math.ceil(slot - now - horizon)}
end
local nextSlot = slot + tonumber(ARGV[1])
local keepMs = math.ceil((nextSlot - now) / 1000) + 1000
redis.call('SET', KEYS[1], string.format('%.3f', nextSlot), 'PX', keepMs)
return {1, math.floor(slot - now), now}`,
);

/**
 * Enters `once`: returns the stored result, or makes the caller the holder of the run (a lease), or
 * tells it which run to wait for. A waiter passes the run it waits for (ARGV[3], KEYS[3] its failure
 * record) so it learns that run's failure; when the holder is gone without a result (crashed, lease
 * expired) the caller takes the lease over.
 * KEYS[1] value, KEYS[2] lock, KEYS[3] failure record of the awaited run.
 * ARGV[1] this caller's run token, ARGV[2] lease ms, ARGV[3] awaited run token ('' for none).
 * Returns {'value', json} | {'failed', failureJson} | {'wait', holderToken} | {'run'}.
 */
export const ONCE_ENTER = lua(
  'once-enter',
  `local v = redis.call('GET', KEYS[1])
if v then return {'value', v} end
if ARGV[3] ~= '' then
  local f = redis.call('GET', KEYS[3])
  if f then return {'failed', f} end
end
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {'run'} end
return {'wait', redis.call('GET', KEYS[2]) or ''}`,
);

/**
 * The holder finished: stores the result unless another holder (after a lost lease) already stored
 * one, releases the lease if it is still ours, and returns the stored result so all callers agree.
 * KEYS[1] value, KEYS[2] lock. ARGV[1] run token, ARGV[2] result json, ARGV[3] ttl ms.
 */
export const ONCE_SUCCEED = lua(
  'once-succeed',
  `redis.call('SET', KEYS[1], ARGV[2], 'NX', 'PX', ARGV[3])
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
return redis.call('GET', KEYS[1]) or ARGV[2]`,
);

/**
 * The holder's task failed: the failure is kept only for the waiters of this run (short-lived record
 * under the run token) and the lease is released, so the next caller runs the task again.
 * KEYS[1] lock, KEYS[2] failure record. ARGV[1] run token, ARGV[2] failure json, ARGV[3] keep ms.
 */
export const ONCE_FAIL = lua(
  'once-fail',
  `redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`,
);

/** Extends the lease while the holder's task runs. KEYS[1] lock. ARGV[1] run token, ARGV[2] lease ms. */
export const ONCE_RENEW = lua(
  'once-renew',
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`,
);

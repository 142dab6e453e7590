/**
 * The token bucket of `src/http/bucket.ts`, as one Lua script, so a reservation is one atomic Redis round trip however
 * many instances draw from the bucket. The clock is Redis's own (`TIME`), so instances whose clocks differ still agree
 * on how much the bucket has refilled.
 *
 * KEYS[1]: the bucket (a hash: t tokens, c capacity, u updated, wr window remaining, wa window reset).
 * ARGV: op ('r' reserve, 'o' observe), capacity, tokens per ms, key TTL ms, then
 *   reserve: longest acceptable wait in ms (-1: no limit) → {1 granted | 0 refused, wait ms}
 *   observe: declared remaining (-1: none), declared reset epoch ms (-1: none), window ms → {1, 0}
 */
export const BUCKET_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local cap = tonumber(ARGV[2])
local perMs = tonumber(ARGV[3])
local h = redis.call('HMGET', KEYS[1], 't', 'c', 'u', 'wr', 'wa')
local tokens = tonumber(h[1]) or cap
local c = tonumber(h[2]) or cap
local u = tonumber(h[3]) or now
local wr = tonumber(h[4])
local wa = tonumber(h[5])
if cap > c then tokens = tokens + cap - c end
tokens = math.min(cap, tokens + math.max(0, now - u) * perMs)
if now > u then u = now end
if wa and now >= wa then wr = nil; wa = nil end
local result = {1, 0}
if ARGV[1] == 'r' then
  local maxWait = tonumber(ARGV[5])
  local after = tokens - 1
  local wait = 0
  if after < 0 then wait = math.ceil(-after / perMs) end
  if wr and wa and wr <= 0 then wait = math.max(wait, wa - now) end
  if maxWait >= 0 and wait > maxWait then return {0, wait} end
  tokens = after
  if wr then wr = wr - 1 end
  result = {1, wait}
else
  local remaining = tonumber(ARGV[5])
  local resetAt = tonumber(ARGV[6])
  if remaining >= 0 then
    tokens = math.min(tokens, remaining)
    if resetAt > now then wr = remaining; wa = resetAt
    elseif remaining <= 0 then wr = 0; wa = now + tonumber(ARGV[7]) end
  end
end
redis.call('HSET', KEYS[1], 't', string.format('%.6f', tokens), 'c', cap, 'u', u)
if wr then redis.call('HSET', KEYS[1], 'wr', wr, 'wa', wa) else redis.call('HDEL', KEYS[1], 'wr', 'wa') end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return result
`;

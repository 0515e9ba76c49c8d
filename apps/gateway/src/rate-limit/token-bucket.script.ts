/**
 * One tenant's token bucket, read, refilled, spent and written in one atomic step, so every
 * gateway replica draws from the same bucket in a single round trip. Time comes from Redis
 * (`TIME`), not from the replicas, whose clocks may differ.
 *
 * KEYS[1] the bucket; ARGV[1] refill rate (tokens per second), ARGV[2] burst (capacity).
 * Returns {1, 0} when a token was taken, {0, ms until one is available} otherwise.
 */
export const TOKEN_BUCKET_SCRIPT = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
local allowed = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  wait = math.ceil((1 - tokens) * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
return {allowed, wait}
`;

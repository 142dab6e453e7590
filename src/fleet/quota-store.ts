/**
 * Quota buckets in Redis, shared by every instance (see quota-script.ts for why a Lua script), and a heartbeat that
 * counts the instances, so that while Redis is away each one knows what share of a quota is its own.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { BucketParams, Declared, Reservation } from '../http/bucket.js';
import type { SharedBuckets } from '../http/quota.js';
import { BUCKET_LUA } from './quota-script.js';
import type { FleetRedis } from './redis.js';

type BucketCommand = (key: string, ...args: (string | number)[]) => Promise<[number, number]>;

/** An idle bucket is forgotten after this long (it would be full again by then anyway). */
const BUCKET_TTL_MS = 10 * 60_000;
const HEARTBEAT_MS = 5_000;
/** An instance not heard from for this long no longer counts. */
const PEER_TIMEOUT_MS = 3 * HEARTBEAT_MS;

export class RedisBuckets implements SharedBuckets {
  private readonly id = randomUUID();
  private lastPeers = 1;
  private readonly timer: NodeJS.Timeout;
  /** Reservations decided in Redis, and those it could not answer (decided locally). */
  shared = 0;
  fallbacks = 0;

  constructor(private readonly redis: FleetRedis) {
    redis.client.defineCommand('checkoutGraphBucket', { numberOfKeys: 1, lua: BUCKET_LUA });
    this.timer = setInterval(() => void this.heartbeat(), HEARTBEAT_MS);
    this.timer.unref();
    redis.client.on('ready', () => void this.heartbeat());
  }

  async reserve(key: string, params: BucketParams, maxWaitMs: number): Promise<Reservation | undefined> {
    const maxWait = Number.isFinite(maxWaitMs) ? Math.max(0, Math.floor(maxWaitMs)) : -1;
    const answer = await this.redis.run((client) => this.command(client)(this.key(key), 'r', params.capacity, params.perMs, BUCKET_TTL_MS, maxWait));
    if (!answer) {
      this.fallbacks++;
      return undefined;
    }
    this.shared++;
    return { granted: answer[0] === 1, waitMs: Number(answer[1]) };
  }

  async observe(key: string, params: BucketParams, declared: Declared, windowMs: number): Promise<void> {
    if (declared.remaining === undefined) return;
    await this.redis.run((client) =>
      this.command(client)(this.key(key), 'o', params.capacity, params.perMs, BUCKET_TTL_MS, declared.remaining!, declared.resetAt ?? -1, windowMs),
    );
  }

  peers(): number {
    return this.lastPeers;
  }

  /** Records this instance as alive and counts the others (the count survives while Redis is away). */
  async heartbeat(): Promise<void> {
    const set = `${this.redis.prefix}instances`;
    const now = Date.now();
    const count = await this.redis.run(async (client) => {
      const replies = await client
        .multi()
        .zadd(set, now, this.id)
        .zremrangebyscore(set, '-inf', now - PEER_TIMEOUT_MS)
        .zcard(set)
        .pexpire(set, PEER_TIMEOUT_MS)
        .exec();
      return Number(replies?.[2]?.[1] ?? 1);
    });
    if (count !== undefined) this.lastPeers = Math.max(1, count);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.redis.run((client) => client.zrem(`${this.redis.prefix}instances`, this.id));
  }

  private key(key: string): string {
    return `${this.redis.prefix}quota:${key}`;
  }

  private command(client: Redis): BucketCommand {
    return (client as unknown as { checkoutGraphBucket: BucketCommand }).checkoutGraphBucket.bind(client);
  }
}

import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';

/**
 * Live fan-out of "something new for X" (web chat streams, later the officer console). In one
 * process an EventEmitter; with Redis, pub/sub so the API instance holding a WebSocket hears
 * what a worker in another process wrote. A lost notification only delays: listeners also poll.
 */
export interface Notifier {
  publish(topic: string, message?: string): void;
  subscribe(topic: string, fn: (message: string) => void): () => void;
  close(): Promise<void>;
}

export class MemoryNotifier implements Notifier {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  publish(topic: string, message = '') {
    this.emitter.emit(topic, message);
  }
  subscribe(topic: string, fn: (m: string) => void) {
    this.emitter.on(topic, fn);
    return () => void this.emitter.off(topic, fn);
  }
  async close() {
    this.emitter.removeAllListeners();
  }
}

export class RedisNotifier implements Notifier {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly local = new MemoryNotifier();
  private readonly counts = new Map<string, number>();

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.pub = new Redis(url, { maxRetriesPerRequest: 2 });
    this.sub = new Redis(url, { maxRetriesPerRequest: null });
    this.sub.on('message', (channel: string, message: string) => {
      this.local.publish(channel.slice(this.prefix.length + 1), message);
    });
    this.pub.on('error', () => {});
    this.sub.on('error', () => {});
  }

  publish(topic: string, message = '') {
    void this.pub.publish(`${this.prefix}:${topic}`, message).catch(() => {});
  }

  subscribe(topic: string, fn: (m: string) => void) {
    const n = this.counts.get(topic) ?? 0;
    this.counts.set(topic, n + 1);
    if (n === 0) void this.sub.subscribe(`${this.prefix}:${topic}`).catch(() => {});
    const off = this.local.subscribe(topic, fn);
    return () => {
      off();
      const left = (this.counts.get(topic) ?? 1) - 1;
      if (left <= 0) {
        this.counts.delete(topic);
        void this.sub.unsubscribe(`${this.prefix}:${topic}`).catch(() => {});
      } else this.counts.set(topic, left);
    };
  }

  async close() {
    this.pub.disconnect();
    this.sub.disconnect();
    await this.local.close();
  }
}

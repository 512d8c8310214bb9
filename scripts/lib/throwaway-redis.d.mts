export interface ThrowawayRedis {
  port: number;
  /** redis://[:password@]127.0.0.1:port */
  url: string;
  /** for messages: 'a throwaway redis-server on 127.0.0.1:<port>' */
  where: string;
  /** SIGKILL: the server disappears at once, as in a crash */
  kill(): Promise<void>;
  /** starts it again on the same port (after kill) */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface ThrowawayRedisOptions {
  password?: string;
  /** cluster mode with this one node owning every slot: CROSSSLOT rules apply as on a real cluster */
  cluster?: boolean;
}

export function startThrowawayRedis(options?: ThrowawayRedisOptions): Promise<ThrowawayRedis>;
export function freePort(): Promise<number>;
/** One RESP command over a fresh socket; resolves with the raw reply text. */
export function rawCommand(port: number, parts: string[], timeoutMs?: number): Promise<string>;

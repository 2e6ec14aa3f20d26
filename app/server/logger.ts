/** Where the server's own notes go (the console in production, a collector in tests). Types only. */
export type Logger = { info(msg: string): void; warn(msg: string): void };

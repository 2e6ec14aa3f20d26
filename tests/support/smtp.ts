import { EventEmitter } from "node:events";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type TestSmtpServer = {
  /** Plain SMTP: `ignoreTLS` keeps nodemailer from attempting STARTTLS against a server without certificates. */
  url: string;
  /** Every message accepted so far, parsed, in order of arrival. */
  messages: ParsedMail[];
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  /** The next `n` messages are refused with a temporary error (451), as a busy relay would. */
  failNext(n: number): void;
  port: number;
  /** Recipients refused with 550 at RCPT TO, as an unknown mailbox is; delete one to "create" it. */
  bounce: Set<string>;
  stop(): Promise<void>;
};

/**
 * A real SMTP server on a free local port (or `port`, to come back where a stopped one was), so
 * tests exercise nodemailer end to end.
 */
export async function startSmtpServer(
  options: { port?: number; bounce?: readonly string[] } = {},
): Promise<TestSmtpServer> {
  const messages: ParsedMail[] = [];
  const arrivals = new EventEmitter();
  let refusals = 0;
  const bounce = new Set(options.bounce);

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!bounce.has(address.address)) return callback();
      callback(
        Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`), {
          responseCode: 550,
        }),
      );
    },
    onData(stream, _session, callback) {
      if (refusals > 0) {
        refusals--;
        // The message has to be read to the end before the reply, even when refusing it.
        stream.on("end", () => callback(Object.assign(new Error("Try again later"), { responseCode: 451 })));
        stream.resume();
        return;
      }
      simpleParser(stream).then((mail) => {
        messages.push(mail);
        arrivals.emit("message");
        callback();
      }, callback);
    },
  });
  // A client dropping its connection is reported here; without a listener it would crash the run.
  server.on("error", () => undefined);

  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    port,
    bounce,
    messages,
    waitFor(count, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < count) return;
          done();
          resolve([...messages]);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`expected ${count} message(s) within ${timeoutMs} ms, got ${messages.length}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          arrivals.off("message", check);
        };
        arrivals.on("message", check);
        check();
      });
    },
    failNext(n) {
      refusals += n;
    },
    stop() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

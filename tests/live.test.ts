/**
 * Issue 10, "Live": the workspace's and the status page's event streams on the real server. A
 * colleague's save, a buyer's answer or files, and a finished analysis reach the open pages as a
 * bare "changed" event; wrong tokens and anonymous visitors get no stream; nothing is left
 * subscribed once the pages are gone.
 */
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MAX_STREAMS_PER_CLIENT } from "../app/server/live.server";
import { startAppServer, type AppServer } from "./support/app-server";
import { NO_SUCH } from "./support/form-routes";
import { sendInquiry } from "./support/inquiry";
import { fixture, intakeForm, post } from "./support/intake-client";
import { createStaffUser, csrfOf, sessionCookie } from "./support/staff";

/** An open event stream read as the browser would: the kinds of its "changed" events, in order. */
type Stream = {
  response: Response;
  nextChange(timeoutMs?: number): Promise<string>;
  heartbeats(): number;
  /** The "changed" kinds received and not yet taken by nextChange. */
  unread(): string[];
  /** Whether the server ended the stream. */
  ended(): boolean;
  close(): void;
};

async function follow(url: string, headers: Record<string, string> = {}): Promise<Stream> {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal, redirect: "manual" });
  const changes: string[] = [];
  let heartbeats = 0;
  let ended = false;
  if (response.ok && response.body) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buffer = "";
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) {
            ended = true;
            return;
          }
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (/^event: changed$/m.test(block)) changes.push(/^data: (.*)$/m.exec(block)![1]!);
            if (/^event: heartbeat$/m.test(block)) heartbeats += 1;
          }
        }
      } catch {
        // Closed by close(): the test is done with it.
      }
    })();
  }
  return {
    response,
    async nextChange(timeoutMs = 60_000) {
      await vi.waitFor(() => expect(changes.length, `a "changed" event on ${url}`).toBeGreaterThan(0), {
        timeout: timeoutMs,
        interval: 50,
      });
      return changes.shift()!;
    },
    heartbeats: () => heartbeats,
    unread: () => [...changes],
    ended: () => ended,
    close: () => abort.abort(),
  };
}

describe("live updates on the real server", () => {
  let app: AppServer;
  let engineer: string;
  let colleague: string;
  let admin: string;
  let csrf: string;

  beforeAll(async () => {
    app = await startAppServer();
    engineer = await sessionCookie(app, await createStaffUser(app.dataDir, ["engineer"], { name: "Ada" }));
    colleague = await sessionCookie(app, await createStaffUser(app.dataDir, ["engineer"], { name: "Ben" }));
    csrf = await csrfOf(app, colleague);
    admin = await sessionCookie(app, await createStaffUser(app.dataDir, ["admin"], { name: "Root" }));
  });
  afterAll(async () => {
    await app?.stop();
  });

  function row<T>(sql: string, ...params: unknown[]): T | undefined {
    const db = new Database(path.join(app.dataDir, "mim-rfq.sqlite"), { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).get(...params) as T | undefined;
    } finally {
      db.close();
    }
  }

  /** A buyer's inquiry through the intake form: its id and its status link. */
  async function newInquiry(): Promise<{ id: string; status: string }> {
    const { id, statusLink } = await sendInquiry(app, { files: [fixture("nist_ftc_11_asme1_rb.stp")] });
    return { id, status: statusLink };
  }

  /** A colleague's save in the workspace, as their browser posts it. */
  async function colleagueSaves(id: string, fields: Record<string, string>) {
    const { version } = row<{ version: number }>("select version from inquiries where id = ?", id)!;
    const response = await fetch(`${app.url}/review/${id}`, {
      method: "POST",
      headers: { Cookie: colleague },
      body: new URLSearchParams({ _csrf: csrf, formId: fields.intent!, version: String(version), ...fields }),
      redirect: "manual",
    });
    expect(response.status, await response.clone().text()).toBe(302);
  }

  const streamOf = (id: string) => follow(`${app.url}/review/${id}/events`, { Cookie: engineer });

  async function subscribers(): Promise<number> {
    const health = (await (await fetch(`${app.url}/healthz`, { headers: { Cookie: engineer } })).json()) as {
      live: { subscribers: number };
    };
    return health.live.subscribers;
  }

  it("tells the open workspace of a colleague's comment, uncompressed and at once", async () => {
    const { id } = await newInquiry();
    const stream = await streamOf(id);
    try {
      expect(stream.response.status).toBe(200);
      expect(stream.response.headers.get("content-type")).toMatch(/^text\/event-stream/);
      expect(stream.response.headers.get("content-encoding")).toBeNull();
      await colleagueSaves(id, { intent: "comment", comment: "Check the bore tolerance with the customer" });
      expect(await stream.nextChange()).toBe("comment");
    } finally {
      stream.close();
    }
  });

  it("tells the buyer's page of the engineer's question, and the workspace of the buyer's answer", async () => {
    const { id, status } = await newInquiry();
    const workspace = await streamOf(id);
    const buyer = await follow(`${status}/events`);
    try {
      expect(buyer.response.status).toBe(200);
      await colleagueSaves(id, { intent: "start_triage" });
      await colleagueSaves(id, { intent: "begin_review" });
      // Internal comments are not the buyer's business, not even as a bare "something changed".
      await colleagueSaves(id, { intent: "comment", comment: "Ask them about the thread" });
      await colleagueSaves(id, { intent: "ask", question: "Is the M3 thread tapped or moulded?" });
      expect([await buyer.nextChange(), await buyer.nextChange(), await buyer.nextChange()]).toEqual([
        "review",
        "review",
        "review",
      ]);
      const seen: string[] = [];
      for (let i = 0; i < 4; i++) seen.push(await workspace.nextChange());
      expect(seen).toEqual(["review", "review", "comment", "review"]);

      const page = await (await fetch(status)).text();
      const questionId = /name="questionId" value="([^"]+)"/.exec(page)![1]!;
      const answer = new FormData();
      answer.set("intent", "answer");
      answer.set("questionId", questionId);
      answer.set("answer", "Tapped after sintering.");
      expect((await post(status, answer)).status).toBe(302);
      expect(await workspace.nextChange()).toBe("answer");
      expect(await buyer.nextChange()).toBe("answer");
    } finally {
      workspace.close();
      buyer.close();
    }
  });

  it("tells both pages of files the buyer adds, and again once their analysis is done", async () => {
    const { id, status } = await newInquiry();
    const workspace = await streamOf(id);
    const buyer = await follow(`${status}/events`);
    try {
      const files = intakeForm({ intent: "files", stlUnit: "mm" }, [fixture("cube-10mm-binary.stl")]);
      expect((await post(status, files)).status).toBe(302);
      expect(await workspace.nextChange()).toBe("files");
      expect(await buyer.nextChange()).toBe("files");
      // The intake's STEP model may finish first: wait for the cube's own result.
      const cubeDone = () =>
        row<{ status: string }>(
          "select a.status from model_analyses a join files f on f.id = a.file_id where f.inquiry_id = ? and f.original_name = ?",
          id,
          "cube-10mm-binary.stl",
        )?.status === "done";
      while (!cubeDone()) expect(await workspace.nextChange(180_000)).toBe("analysis");
      expect(await buyer.nextChange(180_000)).toBe("analysis");
    } finally {
      workspace.close();
      buyer.close();
    }
    // Two models are analysed one after the other on a machine that may be busy.
  }, 400_000);

  it("ends the stream of someone deactivated while their workspace is open, before it tells them of another change", async () => {
    // Issue 19, defect 7: the stream outlived the account. Deactivation deletes the sessions, so the
    // stream asks again, before each event, whether its session may still see the inquiry.
    const { id } = await newInquiry();
    const leaver = await createStaffUser(app.dataDir, ["engineer"], { name: "Cy" });
    const stream = await follow(`${app.url}/review/${id}/events`, { Cookie: await sessionCookie(app, leaver) });
    try {
      expect(stream.response.status).toBe(200);
      const { id: userId } = row<{ id: string }>("select id from users where email = ?", leaver)!;
      const deactivated = await fetch(`${app.url}/admin/users`, {
        method: "POST",
        headers: { Cookie: admin },
        body: new URLSearchParams({ _csrf: await csrfOf(app, admin), intent: "deactivate", userId }),
        redirect: "manual",
      });
      expect(deactivated.headers.get("location")).toBe("/admin/users?done=deactivated");
      await colleagueSaves(id, { intent: "comment", comment: "Price agreed with the buyer's purchasing" });
      await vi.waitFor(() => expect(stream.ended()).toBe(true), { timeout: 10_000, interval: 100 });
      expect(stream.unread()).toEqual([]);
    } finally {
      stream.close();
    }
  });

  it("opens no stream for a wrong token, an anonymous visitor, a stranger or an unknown inquiry", async () => {
    const { id, status } = await newInquiry();
    const wrong = await fetch(`${app.url}/status/${"A".repeat(43)}/events`);
    expect(wrong.status).toBe(404);
    expect(wrong.headers.get("content-type")).not.toMatch(/event-stream/);
    const anonymous = await fetch(`${app.url}/review/${id}/events`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(`/review/${id}/events`)}`);
    // A buyer's status link is no staff credential, even for the workspace of their own inquiry.
    const token = status.split("/status/")[1]!;
    const asBuyer = await fetch(`${app.url}/review/${id}/events`, {
      headers: { Cookie: `mim_session=${token}` },
      redirect: "manual",
    });
    expect(asBuyer.status).toBe(302);
    expect((await fetch(`${app.url}/review/${NO_SUCH}/events`, { headers: { Cookie: engineer } })).status).toBe(404);
  });

  it("never tells one buyer of another inquiry's changes", async () => {
    const [mine, theirs] = [await newInquiry(), await newInquiry()];
    const buyer = await follow(`${mine.status}/events`);
    try {
      // Each post answers after its change was published: had the other inquiry's reached this
      // page, "review" would come first.
      await colleagueSaves(theirs.id, { intent: "start_triage" });
      const files = intakeForm({ intent: "files" }, [fixture("nist_ftc_11_asme1_rb.pdf", "drawing-rev-b.pdf")]);
      expect((await post(mine.status, files)).status).toBe(302);
      expect(await buyer.nextChange()).toBe("files");
    } finally {
      buyer.close();
    }
  });

  it("lets go of a page that stayed open past a heartbeat and a garbage collection, once it is closed", async () => {
    // The stream must outlive the Request Remix made for it: before the stream listened to its
    // connection's own signal, a page closed after about 20 s here was never released.
    const { id } = await newInquiry();
    await vi.waitFor(async () => expect(await subscribers()).toBe(0), { timeout: 60_000, interval: 100 });
    const stream = await streamOf(id);
    await vi.waitFor(() => expect(stream.heartbeats()).toBeGreaterThan(0), { timeout: 60_000, interval: 200 });
    expect(await subscribers()).toBe(1);
    stream.close();
    await vi.waitFor(async () => expect(await subscribers()).toBe(0), { timeout: 10_000, interval: 100 });
  }, 120_000);

  it("limits the streams one person holds, and lets every subscriber go once the pages are closed", async () => {
    const { id } = await newInquiry();
    await vi.waitFor(async () => expect(await subscribers()).toBe(0), { timeout: 30_000, interval: 100 });
    const streams = await Promise.all(Array.from({ length: MAX_STREAMS_PER_CLIENT }, () => streamOf(id)));
    try {
      expect(streams.map((s) => s.response.status)).toEqual(streams.map(() => 200));
      expect(await subscribers()).toBe(MAX_STREAMS_PER_CLIENT);
      const refused = await fetch(`${app.url}/review/${id}/events`, { headers: { Cookie: engineer } });
      expect(refused.status).toBe(429);
      expect(await refused.text()).toContain("reloads its data every few seconds instead");
      // A colleague is another client: their page still goes live.
      const theirs = await follow(`${app.url}/review/${id}/events`, { Cookie: colleague });
      expect(theirs.response.status).toBe(200);
      theirs.close();
    } finally {
      for (const s of streams) s.close();
    }
    await vi.waitFor(async () => expect(await subscribers()).toBe(0), { timeout: 30_000, interval: 100 });
    const reopened = await streamOf(id);
    expect(reopened.response.status).toBe(200);
    reopened.close();
  });
});

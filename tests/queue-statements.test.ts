import type Database from "better-sqlite3";
import { expect, it } from "vitest";
import { createDb } from "../db/client";
import { countByState, listEngineers, listScreenInputs, queueQuery, type QueueParams } from "../db/queries/queue";
import { findLiveSession, rolesOf } from "../db/queries/users";
import { testDb } from "./support/temp";

const NOW = new Date("2025-06-02T12:00:00Z");

/** The SQL of every statement `run` compiles on the connection. */
function compiled(client: Database.Database, run: () => void): string[] {
  const prepare = client.prepare;
  const sources: string[] = [];
  client.prepare = function (this: Database.Database, source: string) {
    sources.push(source);
    return prepare.call(this, source);
  } as typeof client.prepare;
  try {
    run();
  } finally {
    client.prepare = prepare;
  }
  return sources;
}

it("compiles the queue's statements once per connection and shape, then reuses them whatever the values", () => {
  const db = createDb(testDb().file, { migrate: false });
  try {
    const queue = (params: Partial<QueueParams>) =>
      queueQuery(db, { sort: "newest", ...params, viewerId: "viewer" }, NOW);
    const request = (params: Partial<QueueParams>, session: string) => {
      findLiveSession(db, session, NOW);
      rolesOf(db, session);
      countByState(db);
      listEngineers(db);
      queue(params);
      // The page's ids vary with every request; the screen's two lookups must not.
      listScreenInputs(db, [`${session}-a`, `${session}-b`].slice(0, session === "s1" ? 1 : 2));
    };
    const cursor = (id: string) => ({ sort: "newest" as const, key: NOW.getTime(), id, before: false });
    const shapes: [Partial<QueueParams>, Partial<QueueParams>][] = [
      [{}, {}],
      [
        { state: "submitted", material: "mim-316l" },
        { state: "quoted", material: "mim-17-4ph" },
      ],
      [
        { assignee: "mine", overdue: true },
        { assignee: "someone-else", overdue: true },
      ],
      [{ q: "ab" }, { q: "xy" }],
      [{ q: "RFQ-2025" }, { q: "rfq-2024-0" }],
      [{ q: "nordwerk" }, { q: "acme medical" }],
      [{ cursor: cursor("a") }, { cursor: cursor("b") }],
    ];
    for (const [first, second] of shapes) {
      const label = JSON.stringify(first);
      expect(compiled(db.$client, () => request(first, "s1")).length, label).toBeGreaterThan(0);
      expect(
        compiled(db.$client, () => request(second, "s2")),
        label,
      ).toEqual([]);
    }
  } finally {
    db.$client.close();
  }
});

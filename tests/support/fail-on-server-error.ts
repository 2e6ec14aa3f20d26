import { afterEach } from "vitest";
import { takeServerErrors } from "./app-server";

// A 500 or a crash in a server the test started is a bug even when the test's own assertions
// only saw a status code or a dropped connection: fail the test that caused it.
afterEach(() => {
  const errors = takeServerErrors();
  if (errors.length > 0) throw new Error(`the app server logged an error:\n${errors.join("\n\n")}`);
});

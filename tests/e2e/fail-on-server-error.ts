import fs from "node:fs";
import { SERVER_ERROR_MARK } from "../../app/server/server-errors.server";
import { e2eServerLog } from "../../playwright.config";

/**
 * The browser only sees an error page (or nothing, for a failed fetch of the viewer's data), so
 * the run fails here if the server logged an error while the tests ran.
 */
export default function failOnServerError() {
  const log = fs.readFileSync(e2eServerLog, "utf8");
  const at = log.indexOf(SERVER_ERROR_MARK);
  if (at >= 0)
    throw new Error(
      `the app server logged an error during the browser tests (${e2eServerLog}):\n${log.slice(at, at + 4000)}`,
    );
}

// Test seam for the tab's stream hub (lib/client/job-stream.ts): each test
// starts from a fresh hub, so no connection, backoff or subscriber is carried
// from one test to the next. The app never calls it.
import { JobStreamHub, replaceJobStreamHub, type JobStreamHubOptions } from "@/lib/client/job-stream";

/**
 * Closes the tab's hub and drops it: the next getJobStreamHub() builds a
 * default one. With `options` (e.g. `{ heartbeatMs: 300 }`, the unit-test
 * server's heartbeat) a hub with those options is installed at once instead.
 * @returns the installed hub, if any.
 */
export function resetJobStreamHubForTests(options?: JobStreamHubOptions): JobStreamHub | undefined {
  const next = options ? new JobStreamHub(options) : undefined;
  replaceJobStreamHub(next);
  return next;
}

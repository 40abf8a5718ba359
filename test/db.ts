// Row counts of every table the app writes, for "nothing was written" assertions.
import { getDb } from "@/lib/server/db/client";

export async function countRows() {
  const db = getDb();
  const [users, conversations, messages, plans, tasks, jobs, events] = await Promise.all([
    db.user.count(),
    db.conversation.count(),
    db.message.count(),
    db.plan.count(),
    db.task.count(),
    db.job.count(),
    db.jobEvent.count(),
  ]);
  return { users, conversations, messages, plans, tasks, jobs, events };
}

// Row counts of every table the app writes, for "nothing was written" assertions.
import { getDeps } from "@/lib/server/deps";

export async function countRows() {
  const db = getDeps().db;
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

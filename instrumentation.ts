// Next.js start hook: boot the database and the job runner before the first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { ensureStarted } = await import("./lib/server/boot");
    await ensureStarted();
  }
}

// Next.js start hook: migrate the database and start the job runner before the first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./lib/server/boot");
    await startServer();
  }
}

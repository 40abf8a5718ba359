// Next.js start hook: migrate the database and start the job runner before the first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    (await import("./lib/server/http/client-info")).installPeerAddressHook(); // issue 13 — limits: the real peer address
    const { startServer } = await import("./lib/server/boot");
    await startServer();
  }
}

// Next.js start hook: migrate the database and start the job runner before the first request,
// and take over SIGTERM / SIGINT for the graceful stop (lib/server/boot.ts, docs/operations.md).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    (await import("./lib/server/http/client-info")).installPeerAddressHook(); // issue 13 — limits: the real peer address
    const { installSignalHandlers, startServer } = await import("./lib/server/boot");
    await startServer();
    installSignalHandlers(!!process.env.NEXT_MANUAL_SIG_HANDLE);
  }
}

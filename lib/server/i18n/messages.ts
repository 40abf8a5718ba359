import "server-only";
// The server's entry point to the sentence table (lib/shared/messages.ts,
// shared with the browser so a stored log line can be shown in the viewer's
// language).
export { logLine, t, type MessageKey, type MessageParams, type MessageRef } from "@/lib/shared/messages";

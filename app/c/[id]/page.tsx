import type { Metadata } from "next";
import { Suspense } from "react";
import { ChatPage } from "@/components/chat/chat-page";

/** The tab title: "Chat · Planstream" (absolute: the layout's template applies to child segments only). */
export const metadata: Metadata = { title: { absolute: "Chat · Planstream" } };

/** /c/{id}: the chat page on one conversation (ChatPage reads the id from the path, so history.replaceState from `/` keeps its page). */
export default function ConversationPage() {
  return (
    <Suspense fallback={null}>
      <ChatPage />
    </Suspense>
  );
}

import type { Metadata } from "next";
import { Suspense } from "react";
import { ChatPage } from "@/components/chat/chat-page";

/** The tab title: "Chat · Planstream" (absolute: the layout's template applies to child segments only). */
export const metadata: Metadata = { title: { absolute: "Chat · Planstream" } };

/** /: the chat page (`?c=<conversationId>` selects a conversation). */
export default function Page() {
  // useSearchParams (the `?c=` selection) needs a Suspense boundary for static rendering.
  return (
    <Suspense fallback={null}>
      <ChatPage />
    </Suspense>
  );
}

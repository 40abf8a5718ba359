import type { Metadata } from "next";
import { Suspense } from "react";
import { ChatPage } from "@/components/chat/chat-page";

/** The tab title: "Chat · Planstream" (absolute: the layout's template applies to child segments only). */
export const metadata: Metadata = { title: { absolute: "Chat · Planstream" } };

/** /: the chat page on a new chat (`/c/{id}` names a conversation; the older `?c=<id>` is redirected there). */
export default function Page() {
  // useSearchParams (the `?c=` selection) needs a Suspense boundary for static rendering.
  return (
    <Suspense fallback={null}>
      <ChatPage />
    </Suspense>
  );
}

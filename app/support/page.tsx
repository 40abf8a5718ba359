import type { Metadata } from "next";
import { SupportSignInPage } from "@/components/support/support-sign-in-page";

/** The tab title: "Support sign-in · Planstream". */
export const metadata: Metadata = { title: "Support sign-in" };

/** /support: the support sign-in form. */
export default function Page() {
  return <SupportSignInPage />;
}

import { SupportSignInPage } from "@/components/support/support-sign-in-page";

/** /support: the support sign-in form. */
export default function Page() {
  return <SupportSignInPage />;
}

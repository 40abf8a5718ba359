import { SupportSignInPage } from "@/components/support/support-sign-in-page";

export default function Page() {
  return <SupportSignInPage />;
}

import type { Metadata } from "next";
import { PlanPage } from "@/components/plan/plan-page";

/** The tab title: "Plan · Planstream" (the page shows the plan's own title; the tab follows it once loaded, see PlanPage). */
export const metadata: Metadata = { title: "Plan" };

/** /plans/{planId}: one plan's page (the id from the route segment). */
export default async function Page({ params }: { params: Promise<{ planId: string }> }) {
  const { planId } = await params;
  return <PlanPage planId={planId} />;
}

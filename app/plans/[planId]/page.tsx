import { PlanPage } from "@/components/plan/plan-page";

/** /plans/{planId}: one plan's page (the id from the route segment). */
export default async function Page({ params }: { params: Promise<{ planId: string }> }) {
  const { planId } = await params;
  return <PlanPage planId={planId} />;
}

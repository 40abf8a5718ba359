import type { Metadata } from "next";
import { JobDetailPage } from "@/components/jobs/job-detail-page";

type Params = { params: Promise<{ id: string }> };

/** The tab title: "Job 1a2b3c4d · Planstream" (the id's first 8 characters; nothing read, so nobody else's job leaks). */
export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  return { title: `Job ${id.slice(0, 8)}` };
}

/** /jobs/{id}: one job's detail page (the id from the route segment). */
export default async function Page({ params }: Params) {
  const { id } = await params;
  return <JobDetailPage jobId={id} />;
}

import { JobDetailPage } from "@/components/jobs/job-detail-page";

/** /jobs/{id}: one job's detail page (the id from the route segment). */
export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <JobDetailPage jobId={id} />;
}

import type { Metadata } from "next";
import { Suspense } from "react";
import { JobHistoryPage } from "@/components/jobs/job-history-page";

/** The tab title: "Jobs · Planstream". */
export const metadata: Metadata = { title: "Jobs" };

/** /jobs: the job history, filtered from the URL. */
export default function Page() {
  // The filters are read with useSearchParams, which needs a Suspense boundary for static rendering.
  return (
    <Suspense fallback={null}>
      <JobHistoryPage />
    </Suspense>
  );
}

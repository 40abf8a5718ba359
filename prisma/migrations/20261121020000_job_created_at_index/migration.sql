-- CreateIndex
CREATE INDEX "Job_createdAt_idx" ON "Job"("createdAt");

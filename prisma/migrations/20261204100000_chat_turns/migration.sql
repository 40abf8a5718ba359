-- CreateTable
CREATE TABLE "ChatTurn" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "conversationId" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "userMessageId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "leaseExpiresAt" DATETIME,
    "stopRequestedAt" DATETIME,
    "dispatchedAt" DATETIME,
    "metadata" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "ChatTurn_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChatTurnEvent" (
    "turnId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "event" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("turnId", "seq"),
    CONSTRAINT "ChatTurnEvent_turnId_fkey" FOREIGN KEY ("turnId") REFERENCES "ChatTurn" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Artifact" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT,
    "jobId" TEXT,
    "turnId" TEXT,
    "planId" TEXT,
    "taskId" TEXT,
    "callId" TEXT,
    "ownerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Artifact_turnId_fkey" FOREIGN KEY ("turnId") REFERENCES "ChatTurn" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Artifact" ("bytes", "callId", "content", "createdAt", "id", "jobId", "mediaType", "name", "ownerId", "planId", "runId", "taskId") SELECT "bytes", "callId", "content", "createdAt", "id", "jobId", "mediaType", "name", "ownerId", "planId", "runId", "taskId" FROM "Artifact";
DROP TABLE "Artifact";
ALTER TABLE "new_Artifact" RENAME TO "Artifact";
CREATE INDEX "Artifact_runId_idx" ON "Artifact"("runId");
CREATE INDEX "Artifact_jobId_idx" ON "Artifact"("jobId");
CREATE INDEX "Artifact_turnId_idx" ON "Artifact"("turnId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ChatTurn_conversationId_createdAt_idx" ON "ChatTurn"("conversationId", "createdAt");

-- CreateIndex
CREATE INDEX "ChatTurn_status_leaseExpiresAt_idx" ON "ChatTurn"("status", "leaseExpiresAt");

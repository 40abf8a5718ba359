-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "titleEditedAt" DATETIME;

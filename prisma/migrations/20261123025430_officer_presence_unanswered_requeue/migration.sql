-- AlterTable
ALTER TABLE "officer_session" ADD COLUMN     "present_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "handoff" ADD COLUMN     "unanswered_requeues" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "unanswered_since" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "handoff_status_unanswered_since_idx" ON "handoff"("status", "unanswered_since");


-- DropIndex
DROP INDEX "handoff_unit_id_status_urgent_requested_at_idx";

-- AlterTable
ALTER TABLE "handoff" ADD COLUMN     "seq" BIGSERIAL NOT NULL;

-- CreateIndex
CREATE INDEX "handoff_unit_id_status_urgent_requested_at_seq_idx" ON "handoff"("unit_id", "status", "urgent", "requested_at", "seq");


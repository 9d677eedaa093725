-- AlterTable
ALTER TABLE "outbox_message" ADD COLUMN     "officer_id" UUID;

-- CreateTable
CREATE TABLE "handoff" (
    "id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "member_id" UUID,
    "unit_id" UUID NOT NULL,
    "unit_path" TEXT NOT NULL,
    "origin_unit_id" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'waiting',
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT NOT NULL,
    "context" JSONB NOT NULL DEFAULT '{}',
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "assigned_officer_id" UUID,
    "assigned_at" TIMESTAMPTZ(3),
    "first_response_at" TIMESTAMPTZ(3),
    "sla_due_at" TIMESTAMPTZ(3) NOT NULL,
    "escalation_level" INTEGER NOT NULL DEFAULT 0,
    "escalated_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "closed_by" TEXT,
    "csat" INTEGER,
    "csat_at" TIMESTAMPTZ(3),
    "last_activity_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "handoff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "handoff_note" (
    "id" BIGSERIAL NOT NULL,
    "handoff_id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "officer_id" UUID NOT NULL,
    "text_enc" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "handoff_note_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "handoff_unit_id_status_urgent_requested_at_idx" ON "handoff"("unit_id", "status", "urgent", "requested_at");

-- CreateIndex
CREATE INDEX "handoff_unit_path_status_idx" ON "handoff"("unit_path", "status");

-- CreateIndex
CREATE INDEX "handoff_assigned_officer_id_status_idx" ON "handoff"("assigned_officer_id", "status");

-- CreateIndex
CREATE INDEX "handoff_conversation_id_status_idx" ON "handoff"("conversation_id", "status");

-- CreateIndex
CREATE INDEX "handoff_status_sla_due_at_idx" ON "handoff"("status", "sla_due_at");

-- CreateIndex
CREATE INDEX "handoff_note_conversation_id_id_idx" ON "handoff_note"("conversation_id", "id");


-- AlterTable
ALTER TABLE "grievance_attachment" ADD COLUMN     "blob_id" UUID,
ADD COLUMN     "fetch_after" TIMESTAMPTZ(3) DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "fetch_attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "fetch_reason" TEXT,
ADD COLUMN     "fetch_status" TEXT NOT NULL DEFAULT 'pending';

-- CreateTable
CREATE TABLE "evidence_blob" (
    "id" UUID NOT NULL,
    "data" BYTEA NOT NULL,
    "key_enc" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "mime" TEXT NOT NULL,
    "staged_for" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evidence_blob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "benefit_request_event" (
    "id" BIGSERIAL NOT NULL,
    "request_id" UUID NOT NULL,
    "from_status" TEXT,
    "to_status" TEXT NOT NULL,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "note_enc" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "benefit_request_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_key_lockout" (
    "code_hash" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_key_lockout_pkey" PRIMARY KEY ("code_hash")
);

-- CreateIndex
CREATE INDEX "evidence_blob_staged_for_created_at_idx" ON "evidence_blob"("staged_for", "created_at");

-- CreateIndex
CREATE INDEX "benefit_request_event_request_id_id_idx" ON "benefit_request_event"("request_id", "id");

-- CreateIndex
CREATE INDEX "grievance_attachment_fetch_status_fetch_after_idx" ON "grievance_attachment"("fetch_status", "fetch_after");


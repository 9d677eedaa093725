-- CreateTable
CREATE TABLE "data_subject_request" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "identity_id" UUID NOT NULL,
    "member_id" UUID,
    "verified_by" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "ack_due_at" TIMESTAMPTZ(3) NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),
    "outcome" JSONB NOT NULL DEFAULT '{}',
    "detail_enc" TEXT,
    "scope_path" TEXT,

    CONSTRAINT "data_subject_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "data_export_link" (
    "id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "request_id" UUID NOT NULL,
    "format" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "body_enc" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),

    CONSTRAINT "data_export_link_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "data_subject_request_status_due_at_idx" ON "data_subject_request"("status", "due_at");

-- CreateIndex
CREATE INDEX "data_subject_request_scope_path_status_idx" ON "data_subject_request"("scope_path", "status");

-- CreateIndex
CREATE INDEX "data_subject_request_identity_id_idx" ON "data_subject_request"("identity_id");

-- CreateIndex
CREATE UNIQUE INDEX "data_export_link_token_hash_key" ON "data_export_link"("token_hash");

-- CreateIndex
CREATE INDEX "data_export_link_expires_at_idx" ON "data_export_link"("expires_at");


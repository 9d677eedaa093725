-- CreateTable
CREATE TABLE "broadcast" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "audience" JSONB NOT NULL,
    "policy" JSONB NOT NULL,
    "scheduled_at" TIMESTAMPTZ(3),
    "status" TEXT NOT NULL DEFAULT 'draft',
    "created_by" TEXT NOT NULL,
    "scope_path" TEXT NOT NULL,
    "plan" JSONB,
    "planned_at" TIMESTAMPTZ(3),
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "lease_owner" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "broadcast_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "broadcast_recipient" (
    "id" BIGSERIAL NOT NULL,
    "broadcast_id" UUID NOT NULL,
    "member_id" UUID,
    "identity_id" UUID,
    "conversation_id" UUID,
    "channel" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'vi',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "quota_class" TEXT,
    "not_before" TIMESTAMPTZ(3),
    "outbox_id" BIGINT,
    "queued_at" TIMESTAMPTZ(3),

    CONSTRAINT "broadcast_recipient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "broadcast_channel_stat" (
    "broadcast_id" UUID NOT NULL,
    "channel" TEXT NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,
    "pending" INTEGER NOT NULL DEFAULT 0,
    "queued" INTEGER NOT NULL DEFAULT 0,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "broadcast_channel_stat_pkey" PRIMARY KEY ("broadcast_id","channel")
);

-- CreateIndex
CREATE INDEX "broadcast_scope_path_idx" ON "broadcast"("scope_path");

-- CreateIndex
CREATE INDEX "broadcast_status_idx" ON "broadcast"("status");

-- CreateIndex
CREATE INDEX "broadcast_recipient_broadcast_id_status_channel_id_idx" ON "broadcast_recipient"("broadcast_id", "status", "channel", "id");

-- CreateIndex
CREATE INDEX "broadcast_recipient_identity_id_queued_at_idx" ON "broadcast_recipient"("identity_id", "queued_at");


-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "OrgKind" AS ENUM ('confederation', 'province', 'sector', 'commune', 'grassroots');

-- CreateTable
CREATE TABLE "org_unit" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "search_key" TEXT NOT NULL,
    "kind" "OrgKind" NOT NULL,
    "parent_id" UUID,
    "path" TEXT NOT NULL,
    "province_code" TEXT,
    "employer" TEXT,
    "address" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "org_unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "member" (
    "id" UUID NOT NULL,
    "member_no" TEXT,
    "full_name" TEXT NOT NULL,
    "org_unit_id" UUID,
    "cccd_hash" TEXT,
    "phone_hash" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "joined_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "channel_identity" (
    "id" UUID NOT NULL,
    "channel" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "platform_user_id" TEXT NOT NULL,
    "display_name" TEXT,
    "locale" TEXT,
    "member_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "channel_identity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversation" (
    "id" UUID NOT NULL,
    "identity_id" UUID NOT NULL,
    "channel" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'vi',
    "state" JSONB NOT NULL DEFAULT '{}',
    "owner" TEXT NOT NULL DEFAULT 'bot',
    "turn_count" INTEGER NOT NULL DEFAULT 0,
    "last_inbound_at" TIMESTAMPTZ(3),
    "last_outbound_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbox_message" (
    "id" BIGSERIAL NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "conversation_id" UUID NOT NULL,
    "event" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "inbox_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_message" (
    "id" BIGSERIAL NOT NULL,
    "conversation_id" UUID NOT NULL,
    "inbox_id" BIGINT,
    "channel" TEXT NOT NULL,
    "message" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_until" TIMESTAMPTZ(3),
    "platform_message_id" TEXT,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webchat_activity" (
    "seq" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "conversation_id" UUID NOT NULL,
    "activity" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webchat_activity_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "registration" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'cho_duyet',
    "full_name" TEXT NOT NULL,
    "dob_enc" TEXT NOT NULL,
    "gender" TEXT NOT NULL,
    "cccd_enc" TEXT NOT NULL,
    "cccd_hash" TEXT NOT NULL,
    "phone_enc" TEXT NOT NULL,
    "phone_hash" TEXT NOT NULL,
    "employer" TEXT NOT NULL,
    "workplace_address" TEXT NOT NULL,
    "province_code" TEXT NOT NULL,
    "org_unit_id" UUID,
    "routed_to_id" UUID NOT NULL,
    "member_id" UUID,
    "identity_id" UUID NOT NULL,
    "channel" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'vi',
    "decision_note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "registration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consent" (
    "id" UUID NOT NULL,
    "identity_id" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "notice_version" TEXT NOT NULL,
    "granted" BOOLEAN NOT NULL,
    "evidence" TEXT NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawn_at" TIMESTAMPTZ(3),

    CONSTRAINT "consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "system_setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "system_setting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "org_unit_code_key" ON "org_unit"("code");

-- CreateIndex
CREATE INDEX "org_unit_parent_id_idx" ON "org_unit"("parent_id");

-- CreateIndex
CREATE INDEX "org_unit_path_idx" ON "org_unit"("path");

-- CreateIndex
CREATE INDEX "org_unit_province_code_kind_idx" ON "org_unit"("province_code", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "member_member_no_key" ON "member"("member_no");

-- CreateIndex
CREATE UNIQUE INDEX "member_cccd_hash_key" ON "member"("cccd_hash");

-- CreateIndex
CREATE INDEX "member_phone_hash_idx" ON "member"("phone_hash");

-- CreateIndex
CREATE INDEX "member_org_unit_id_idx" ON "member"("org_unit_id");

-- CreateIndex
CREATE INDEX "channel_identity_member_id_idx" ON "channel_identity"("member_id");

-- CreateIndex
CREATE UNIQUE INDEX "channel_identity_channel_account_id_platform_user_id_key" ON "channel_identity"("channel", "account_id", "platform_user_id");

-- CreateIndex
CREATE INDEX "conversation_identity_id_idx" ON "conversation"("identity_id");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_channel_account_id_external_id_key" ON "conversation"("channel", "account_id", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "inbox_message_dedupe_key_key" ON "inbox_message"("dedupe_key");

-- CreateIndex
CREATE INDEX "inbox_message_conversation_id_status_id_idx" ON "inbox_message"("conversation_id", "status", "id");

-- CreateIndex
CREATE INDEX "inbox_message_status_received_at_idx" ON "inbox_message"("status", "received_at");

-- CreateIndex
CREATE INDEX "outbox_message_conversation_id_status_id_idx" ON "outbox_message"("conversation_id", "status", "id");

-- CreateIndex
CREATE INDEX "outbox_message_status_next_attempt_at_idx" ON "outbox_message"("status", "next_attempt_at");

-- CreateIndex
CREATE UNIQUE INDEX "webchat_activity_key_key" ON "webchat_activity"("key");

-- CreateIndex
CREATE INDEX "webchat_activity_conversation_id_seq_idx" ON "webchat_activity"("conversation_id", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "registration_code_key" ON "registration"("code");

-- CreateIndex
CREATE UNIQUE INDEX "registration_cccd_hash_key" ON "registration"("cccd_hash");

-- CreateIndex
CREATE INDEX "registration_routed_to_id_status_idx" ON "registration"("routed_to_id", "status");

-- CreateIndex
CREATE INDEX "registration_phone_hash_idx" ON "registration"("phone_hash");

-- CreateIndex
CREATE INDEX "registration_identity_id_idx" ON "registration"("identity_id");

-- CreateIndex
CREATE INDEX "consent_identity_id_purpose_idx" ON "consent"("identity_id", "purpose");

-- CreateIndex
CREATE INDEX "audit_log_entity_entity_id_idx" ON "audit_log"("entity", "entity_id");

-- CreateIndex
CREATE INDEX "audit_log_actor_type_actor_id_at_idx" ON "audit_log"("actor_type", "actor_id", "at");

-- AddForeignKey
ALTER TABLE "org_unit" ADD CONSTRAINT "org_unit_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "org_unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "member" ADD CONSTRAINT "member_org_unit_id_fkey" FOREIGN KEY ("org_unit_id") REFERENCES "org_unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "channel_identity" ADD CONSTRAINT "channel_identity_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation" ADD CONSTRAINT "conversation_identity_id_fkey" FOREIGN KEY ("identity_id") REFERENCES "channel_identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbox_message" ADD CONSTRAINT "inbox_message_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbox_message" ADD CONSTRAINT "outbox_message_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webchat_activity" ADD CONSTRAINT "webchat_activity_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registration" ADD CONSTRAINT "registration_org_unit_id_fkey" FOREIGN KEY ("org_unit_id") REFERENCES "org_unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registration" ADD CONSTRAINT "registration_routed_to_id_fkey" FOREIGN KEY ("routed_to_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registration" ADD CONSTRAINT "registration_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent" ADD CONSTRAINT "consent_identity_id_fkey" FOREIGN KEY ("identity_id") REFERENCES "channel_identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


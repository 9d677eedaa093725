-- CreateTable
CREATE TABLE "grievance_case" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "access_key_hash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'moi',
    "category" TEXT NOT NULL,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "urgency" TEXT,
    "employer" TEXT NOT NULL,
    "province_code" TEXT NOT NULL,
    "org_unit_id" UUID,
    "routed_to_id" UUID NOT NULL,
    "routed_path" TEXT NOT NULL,
    "about_union" BOOLEAN NOT NULL DEFAULT false,
    "description_enc" TEXT NOT NULL,
    "discovered_on" TEXT,
    "affected_count" INTEGER NOT NULL DEFAULT 1,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "member_id" UUID,
    "identity_id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "channel" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'vi',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "grievance_case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "grievance_case_event" (
    "id" BIGSERIAL NOT NULL,
    "case_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "from_status" TEXT,
    "to_status" TEXT,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "note_enc" TEXT,
    "channel" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "grievance_case_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "grievance_attachment" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "event_id" BIGINT,
    "type" TEXT NOT NULL,
    "mime" TEXT,
    "size" INTEGER,
    "name" TEXT,
    "channel" TEXT NOT NULL,
    "ref_enc" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "grievance_attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "grievance_case_counter" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "grievance_case_counter_pkey" PRIMARY KEY ("year")
);

-- CreateIndex
CREATE UNIQUE INDEX "grievance_case_code_key" ON "grievance_case"("code");

-- CreateIndex
CREATE INDEX "grievance_case_routed_path_status_idx" ON "grievance_case"("routed_path", "status");

-- CreateIndex
CREATE INDEX "grievance_case_identity_id_idx" ON "grievance_case"("identity_id");

-- CreateIndex
CREATE INDEX "grievance_case_member_id_idx" ON "grievance_case"("member_id");

-- CreateIndex
CREATE INDEX "grievance_case_event_case_id_id_idx" ON "grievance_case_event"("case_id", "id");

-- CreateIndex
CREATE INDEX "grievance_attachment_case_id_idx" ON "grievance_attachment"("case_id");


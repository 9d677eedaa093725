-- CreateTable
CREATE TABLE "benefit_programme" (
    "id" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "hash" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "valid_from" TIMESTAMPTZ(3),
    "valid_to" TIMESTAMPTZ(3),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "source_file" TEXT NOT NULL,
    "loaded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "benefit_programme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "benefit_request" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "programme_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'moi',
    "full_name_enc" TEXT NOT NULL,
    "phone_enc" TEXT NOT NULL,
    "is_member" BOOLEAN NOT NULL,
    "member_id" UUID,
    "province_code" TEXT NOT NULL,
    "org_unit_id" UUID,
    "routed_to_id" UUID NOT NULL,
    "situations" TEXT[],
    "identity_id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "channel" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'vi',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "benefit_request_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "benefit_programme_active_valid_to_idx" ON "benefit_programme"("active", "valid_to");

-- CreateIndex
CREATE UNIQUE INDEX "benefit_request_code_key" ON "benefit_request"("code");

-- CreateIndex
CREATE INDEX "benefit_request_routed_to_id_status_idx" ON "benefit_request"("routed_to_id", "status");

-- CreateIndex
CREATE INDEX "benefit_request_identity_id_programme_id_idx" ON "benefit_request"("identity_id", "programme_id");


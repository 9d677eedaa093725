-- CreateTable
CREATE TABLE "survey" (
    "id" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "opens_at" TIMESTAMPTZ(3) NOT NULL,
    "closes_at" TIMESTAMPTZ(3) NOT NULL,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "members_only" BOOLEAN NOT NULL DEFAULT true,
    "content_hash" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "survey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "survey_participation" (
    "id" UUID NOT NULL,
    "survey_id" TEXT NOT NULL,
    "respondent_key" TEXT NOT NULL,
    "draft_enc" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "submitted_at" TIMESTAMPTZ(3),

    CONSTRAINT "survey_participation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "survey_response" (
    "id" UUID NOT NULL,
    "survey_id" TEXT NOT NULL,
    "member_id" UUID,
    "identity_id" UUID,
    "channel" TEXT,
    "province_code" TEXT,
    "org_unit_code" TEXT,
    "answers" JSONB NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "survey_response_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "survey_opens_at_closes_at_idx" ON "survey"("opens_at", "closes_at");

-- CreateIndex
CREATE UNIQUE INDEX "survey_participation_survey_id_respondent_key_key" ON "survey_participation"("survey_id", "respondent_key");

-- CreateIndex
CREATE INDEX "survey_response_survey_id_idx" ON "survey_response"("survey_id");


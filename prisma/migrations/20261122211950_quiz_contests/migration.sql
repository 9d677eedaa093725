-- CreateTable
CREATE TABLE "contest" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "title_en" TEXT,
    "organizer_code" TEXT NOT NULL,
    "opens_at" TIMESTAMPTZ(3) NOT NULL,
    "closes_at" TIMESTAMPTZ(3) NOT NULL,
    "time_limit_sec" INTEGER NOT NULL,
    "attempts_per_person" INTEGER NOT NULL DEFAULT 1,
    "questions" JSONB NOT NULL,
    "prediction" JSONB,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contest_attempt" (
    "id" UUID NOT NULL,
    "contest_id" TEXT NOT NULL,
    "person_key" TEXT NOT NULL,
    "attempt_no" INTEGER NOT NULL,
    "member_id" UUID,
    "full_name" TEXT NOT NULL,
    "phone_enc" TEXT,
    "phone_hash" TEXT,
    "org_unit_id" UUID,
    "unit_name" TEXT NOT NULL,
    "identity_id" UUID NOT NULL,
    "channel" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "layout" JSONB NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "deadline_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "status" TEXT NOT NULL DEFAULT 'in_progress',
    "score" INTEGER NOT NULL DEFAULT 0,
    "duration_ms" INTEGER,
    "prediction" INTEGER,

    CONSTRAINT "contest_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contest_answer" (
    "id" BIGSERIAL NOT NULL,
    "attempt_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "question_id" TEXT NOT NULL,
    "chosen" JSONB NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "answered_at" TIMESTAMPTZ(3) NOT NULL,
    "elapsed_ms" INTEGER NOT NULL,

    CONSTRAINT "contest_answer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "contest_attempt_contest_id_status_score_idx" ON "contest_attempt"("contest_id", "status", "score");

-- CreateIndex
CREATE INDEX "contest_attempt_identity_id_idx" ON "contest_attempt"("identity_id");

-- CreateIndex
CREATE UNIQUE INDEX "contest_attempt_contest_id_person_key_attempt_no_key" ON "contest_attempt"("contest_id", "person_key", "attempt_no");

-- CreateIndex
CREATE UNIQUE INDEX "contest_answer_attempt_id_position_key" ON "contest_answer"("attempt_id", "position");


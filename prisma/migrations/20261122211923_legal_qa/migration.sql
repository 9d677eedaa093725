-- CreateTable
CREATE TABLE "legal_feedback" (
    "id" BIGSERIAL NOT NULL,
    "conversation_id" UUID NOT NULL,
    "entry_id" TEXT NOT NULL,
    "helpful" BOOLEAN NOT NULL,
    "question" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "legal_feedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "legal_unanswered" (
    "id" BIGSERIAL NOT NULL,
    "conversation_id" UUID NOT NULL,
    "question" TEXT NOT NULL,
    "best_entry_id" TEXT,
    "best_score" DOUBLE PRECISION NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "legal_unanswered_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "legal_feedback_helpful_created_at_idx" ON "legal_feedback"("helpful", "created_at");

-- CreateIndex
CREATE INDEX "legal_unanswered_resolved_at_created_at_idx" ON "legal_unanswered"("resolved_at", "created_at");


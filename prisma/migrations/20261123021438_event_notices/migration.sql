-- Event notices through the broadcast machinery (issue 8). Written by hand (the Prisma 6 diff
-- tool is not installed offline); the same as Prisma would write for the schema change.

-- AlterTable
ALTER TABLE "outbox_message" ADD COLUMN "message_tag" TEXT;

-- CreateTable
CREATE TABLE "contest_reminder" (
    "id" UUID NOT NULL,
    "contest_id" TEXT NOT NULL,
    "person_key" TEXT NOT NULL,
    "member_id" UUID,
    "identity_id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelled_at" TIMESTAMPTZ(3),
    "notified_at" TIMESTAMPTZ(3),
    "broadcast_id" UUID,

    CONSTRAINT "contest_reminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "contest_reminder_contest_id_notified_at_idx" ON "contest_reminder"("contest_id", "notified_at");

-- CreateIndex
CREATE UNIQUE INDEX "contest_reminder_contest_id_person_key_key" ON "contest_reminder"("contest_id", "person_key");

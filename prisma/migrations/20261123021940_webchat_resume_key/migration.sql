-- Web chat "remember this device" (issue 8, adapters/webchat/resume.ts). Written by hand (the
-- Prisma 6 diff tool is not installed offline); the same as Prisma would write for the change.

-- CreateTable
CREATE TABLE "webchat_resume_key" (
    "conversation_id" UUID NOT NULL,
    "key_hash" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "webchat_resume_key_pkey" PRIMARY KEY ("conversation_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "webchat_resume_key_key_hash_key" ON "webchat_resume_key"("key_hash");

-- CreateIndex
CREATE INDEX "webchat_resume_key_expires_at_idx" ON "webchat_resume_key"("expires_at");

-- AddForeignKey
ALTER TABLE "webchat_resume_key" ADD CONSTRAINT "webchat_resume_key_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "member" ADD COLUMN     "ended_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "registration" ADD COLUMN     "decided_by" TEXT;

-- CreateTable
CREATE TABLE "member_no_counter" (
    "province_code" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "member_no_counter_pkey" PRIMARY KEY ("province_code","year")
);

-- CreateTable
CREATE TABLE "member_card" (
    "id" UUID NOT NULL,
    "member_id" UUID NOT NULL,
    "nonce" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "unit_id" UUID NOT NULL,
    "member_no" TEXT NOT NULL,
    "verify_base" TEXT NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL,
    "issued_by" TEXT,
    "revoked_at" TIMESTAMPTZ(3),
    "revoke_reason" TEXT,
    "revoked_by" TEXT,

    CONSTRAINT "member_card_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "member_card_token_hash_key" ON "member_card"("token_hash");

-- CreateIndex
CREATE INDEX "member_card_member_id_revoked_at_idx" ON "member_card"("member_id", "revoked_at");


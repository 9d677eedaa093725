-- CreateTable
CREATE TABLE "canned_response" (
    "id" UUID NOT NULL,
    "unit_path" TEXT NOT NULL,
    "shortcut" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "canned_response_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "canned_response_unit_path_shortcut_locale_key" ON "canned_response"("unit_path", "shortcut", "locale");


-- CreateTable
CREATE TABLE "dashboard_week" (
    "unit_id" UUID NOT NULL,
    "unit_path" TEXT NOT NULL,
    "week" DATE NOT NULL,
    "conversations" INTEGER NOT NULL DEFAULT 0,
    "handoffs" INTEGER NOT NULL DEFAULT 0,
    "sla_breaches" INTEGER NOT NULL DEFAULT 0,
    "registrations" INTEGER NOT NULL DEFAULT 0,
    "cases" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "dashboard_week_pkey" PRIMARY KEY ("unit_id","week")
);

-- CreateTable
CREATE TABLE "dashboard_rollup_state" (
    "id" INTEGER NOT NULL,
    "refreshed_at" TIMESTAMPTZ(3) NOT NULL,
    "from_week" DATE NOT NULL,

    CONSTRAINT "dashboard_rollup_state_pkey" PRIMARY KEY ("id")
);


-- CreateTable
CREATE TABLE "dashboard_week_tree" (
    "unit_path" TEXT NOT NULL,
    "parent_path" TEXT NOT NULL,
    "week" DATE NOT NULL,
    "conversations" INTEGER NOT NULL DEFAULT 0,
    "handoffs" INTEGER NOT NULL DEFAULT 0,
    "sla_breaches" INTEGER NOT NULL DEFAULT 0,
    "registrations" INTEGER NOT NULL DEFAULT 0,
    "cases" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "dashboard_week_tree_pkey" PRIMARY KEY ("unit_path","week")
);

-- CreateIndex
CREATE INDEX "dashboard_week_tree_parent_path_week_idx" ON "dashboard_week_tree"("parent_path", "week");


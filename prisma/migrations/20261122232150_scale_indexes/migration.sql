-- Officer queries at 11 M members (issue 8, bench/officer-queries.ts). Written by hand: Prisma's
-- schema language cannot give a b-tree column an operator class. The database collation is
-- C.UTF-8, which PostgreSQL 15 does not treat as "C", so a plain b-tree cannot serve
-- `path LIKE '/TLD/P79/%'`; text_pattern_ops can. Plain CREATE INDEX (not CONCURRENTLY): the
-- migrator runs each file in a transaction.

-- scope subtree of the org tree (officer units, registrations routed inside a scope)
CREATE INDEX IF NOT EXISTS "org_unit_path_pattern_idx" ON "org_unit" ("path" text_pattern_ops);

-- cases of a subtree by status, newest first; and cases of a subtree over time (dashboard)
CREATE INDEX IF NOT EXISTS "grievance_case_status_scope_idx" ON "grievance_case" ("status", "routed_path" text_pattern_ops, "created_at");
CREATE INDEX IF NOT EXISTS "grievance_case_scope_created_idx" ON "grievance_case" ("routed_path" text_pattern_ops, "created_at");

-- handoffs of a subtree over time: dashboard first-response percentiles
CREATE INDEX IF NOT EXISTS "handoff_scope_requested_idx" ON "handoff" ("unit_path" text_pattern_ops, "requested_at") INCLUDE ("first_response_at", "sla_due_at");

-- registrations of a unit over time (dashboard rollup, officer lists newest first)
CREATE INDEX IF NOT EXISTS "registration_routed_created_idx" ON "registration" ("routed_to_id", "created_at");

-- the rollup recomputes recent weeks from conversations started since a date
CREATE INDEX IF NOT EXISTS "conversation_created_at_idx" ON "conversation" ("created_at");

-- dashboard reads: a scope prefix and a week range
CREATE INDEX IF NOT EXISTS "dashboard_week_scope_idx" ON "dashboard_week" ("unit_path" text_pattern_ops, "week");

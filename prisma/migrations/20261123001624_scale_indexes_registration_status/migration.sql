-- Officer lists of registrations newest first by status ("pending in my province"): registration
-- has no path column, so the scope is checked through org_unit per row; walking this index in
-- created_at order stops after the first page instead of sorting every pending application
-- (measured at 1 M members: a parallel sequential scan, 176 ms; bench/officer-queries.ts).
CREATE INDEX IF NOT EXISTS "registration_status_created_idx" ON "registration" ("status", "created_at");

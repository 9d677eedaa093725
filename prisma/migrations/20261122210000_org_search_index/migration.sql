-- Full-text prefilter for grassroots-union search by name or employer (src/org/search.ts).
-- Written by hand: Prisma's schema language cannot express an expression index. Built-in
-- 'simple' configuration only, so it works on PGlite and on any PostgreSQL without extensions.
CREATE INDEX IF NOT EXISTS "org_unit_search_fts" ON "org_unit" USING gin (to_tsvector('simple'::regconfig, "search_key"));

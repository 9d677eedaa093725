-- "Did another officer broadcast send since this one was planned?" (src/broadcasts/sender.ts,
-- before each Zalo batch): finished officer broadcasts by finish time, without the many
-- single-recipient notices. Written by hand: Prisma cannot express a partial index.
CREATE INDEX IF NOT EXISTS "broadcast_officer_finished" ON "broadcast" ("finished_at")
  WHERE "created_by" NOT LIKE 'system:%';

-- One open handoff (waiting | active) per conversation: two turns or two officers can never open a
-- second episode beside the first. Written by hand: Prisma cannot express a partial unique index.
CREATE UNIQUE INDEX IF NOT EXISTS "handoff_one_open" ON "handoff" ("conversation_id") WHERE "status" <> 'closed';

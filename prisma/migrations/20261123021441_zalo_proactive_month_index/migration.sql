-- The OA-wide monthly budget of proactive Zalo messages (src/broadcasts/zalo-quota.ts): "proactive
-- messages queued since the 1st of the month", counted before every Zalo batch. Written by hand:
-- Prisma cannot express a partial index. Proactive rows are few (a budget of thousands a month),
-- so the count reads a handful of index entries whatever the size of the broadcasts.
CREATE INDEX IF NOT EXISTS "broadcast_recipient_zalo_proactive" ON "broadcast_recipient" ("queued_at")
  WHERE "channel" = 'zalo' AND "quota_class" = 'proactive' AND "queued_at" IS NOT NULL;

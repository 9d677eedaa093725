-- AlterTable
ALTER TABLE "handoff" ADD COLUMN     "unanswered_by" UUID;


-- Issue 11: the council (Hội đồng TĐKT) and its secret ballots (counts only: no table names a member beside a vote),
-- công khai (posting and comments), the chain of command above the province (commands with an issuing level,
-- proposals forwarded up with each step recorded), revocation grounds and flags, and ad-hoc (đột xuất) proposals.

-- CreateEnum
CREATE TYPE "ProposalKind" AS ENUM ('CAMPAIGN', 'ADHOC');

-- CreateEnum
CREATE TYPE "ProposalAction" AS ENUM ('CREATE', 'SUBMIT', 'RETURN', 'APPROVE', 'FORWARD', 'RECEIVE', 'SEND_BACK', 'DECIDE');

-- CreateEnum
CREATE TYPE "CouncilRole" AS ENUM ('CHAIR', 'VICE_CHAIR', 'STANDING', 'MEMBER');

-- CreateEnum
CREATE TYPE "MeetingStatus" AS ENUM ('PLANNED', 'HELD');

-- CreateEnum
CREATE TYPE "CommentKind" AS ENUM ('OPINION', 'COMPLAINT');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ProposalStatus" ADD VALUE 'FORWARDED';
ALTER TYPE "ProposalStatus" ADD VALUE 'RECEIVED';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "UnitType" ADD VALUE 'MILITARY_REGION';
ALTER TYPE "UnitType" ADD VALUE 'MINISTRY';

-- DropForeignKey
ALTER TABLE "Award" DROP CONSTRAINT "Award_titleId_fkey";

-- DropForeignKey
ALTER TABLE "ProposalItem" DROP CONSTRAINT "ProposalItem_titleId_fkey";

-- AlterTable
ALTER TABLE "Award" ADD COLUMN     "catalogId" INTEGER,
ALTER COLUMN "campaignId" DROP NOT NULL,
ALTER COLUMN "titleId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "AwardDecision" ADD COLUMN     "legalBasis" TEXT,
ADD COLUMN     "unitId" INTEGER,
ALTER COLUMN "campaignId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "AwardProposal" ADD COLUMN     "commandUnitId" INTEGER,
ADD COLUMN     "exemplarId" INTEGER,
ADD COLUMN     "holderUnitId" INTEGER,
ADD COLUMN     "kind" "ProposalKind" NOT NULL DEFAULT 'CAMPAIGN',
ALTER COLUMN "campaignId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "AwardRevocation" ADD COLUMN     "certificateRecovered" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "groundCode" VARCHAR(20),
ADD COLUMN     "moneyRecovered" DECIMAL(14,0),
ADD COLUMN     "recoveryNote" TEXT;

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "commandUnitId" INTEGER;

-- AlterTable
ALTER TABLE "ProposalItem" ADD COLUMN     "catalogId" INTEGER,
ALTER COLUMN "titleId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "TitleCatalog" ADD COLUMN     "ballotLegalBasis" TEXT,
ADD COLUMN     "ballotPercent" DECIMAL(5,2) NOT NULL DEFAULT 50;

-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "commandLevel" "IssuingLevel";

-- CreateTable
CREATE TABLE "ProposalStep" (
    "id" SERIAL NOT NULL,
    "proposalId" INTEGER NOT NULL,
    "action" "ProposalAction" NOT NULL,
    "status" "ProposalStatus" NOT NULL,
    "fromUnitId" INTEGER,
    "toUnitId" INTEGER,
    "reason" TEXT,
    "byId" INTEGER,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProposalStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RevocationGround" (
    "code" VARCHAR(20) NOT NULL,
    "text" TEXT NOT NULL,
    "textEn" TEXT,
    "legalBasis" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "RevocationGround_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "AwardFlag" (
    "id" SERIAL NOT NULL,
    "awardId" INTEGER NOT NULL,
    "causeAwardId" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" INTEGER,
    "resolution" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AwardFlag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Council" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "name" VARCHAR(300) NOT NULL,
    "decisionNo" VARCHAR(100),
    "termFrom" DATE NOT NULL,
    "termTo" DATE,
    "quorumPercent" DECIMAL(5,2) NOT NULL DEFAULT 50,
    "quorumLegalBasis" TEXT,
    "postingDays" INTEGER NOT NULL DEFAULT 5,
    "postingLegalBasis" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Council_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CouncilMember" (
    "id" SERIAL NOT NULL,
    "councilId" INTEGER NOT NULL,
    "fullName" VARCHAR(200) NOT NULL,
    "position" VARCHAR(200),
    "role" "CouncilRole" NOT NULL,
    "userId" INTEGER,
    "fromDate" DATE NOT NULL,
    "toDate" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CouncilMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CouncilMeeting" (
    "id" SERIAL NOT NULL,
    "councilId" INTEGER NOT NULL,
    "heldOn" DATE NOT NULL,
    "place" VARCHAR(300),
    "status" "MeetingStatus" NOT NULL DEFAULT 'PLANNED',
    "memberCount" INTEGER,
    "presentCount" INTEGER,
    "secretary" VARCHAR(200),
    "conclusions" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CouncilMeeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingAttendance" (
    "meetingId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "present" BOOLEAN NOT NULL,

    CONSTRAINT "MeetingAttendance_pkey" PRIMARY KEY ("meetingId","memberId")
);

-- CreateTable
CREATE TABLE "MeetingProposal" (
    "meetingId" INTEGER NOT NULL,
    "proposalId" INTEGER NOT NULL,

    CONSTRAINT "MeetingProposal_pkey" PRIMARY KEY ("meetingId","proposalId")
);

-- CreateTable
CREATE TABLE "BallotResult" (
    "id" SERIAL NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "proposalItemId" INTEGER NOT NULL,
    "agree" INTEGER NOT NULL,
    "disagree" INTEGER NOT NULL,
    "writtenAgree" INTEGER NOT NULL DEFAULT 0,
    "writtenDisagree" INTEGER NOT NULL DEFAULT 0,
    "thresholdPercent" DECIMAL(5,2) NOT NULL,
    "memberCount" INTEGER NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BallotResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalPosting" (
    "id" SERIAL NOT NULL,
    "proposalId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "postedOn" DATE NOT NULL,
    "closesOn" DATE NOT NULL,
    "place" VARCHAR(300),
    "postedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProposalPosting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostingComment" (
    "id" SERIAL NOT NULL,
    "postingId" INTEGER NOT NULL,
    "proposalItemId" INTEGER,
    "kind" "CommentKind" NOT NULL,
    "authorId" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "answer" TEXT,
    "answeredById" INTEGER,
    "answeredAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PostingComment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProposalStep_proposalId_idx" ON "ProposalStep"("proposalId");

-- CreateIndex
CREATE INDEX "ProposalStep_toUnitId_idx" ON "ProposalStep"("toUnitId");

-- CreateIndex
CREATE UNIQUE INDEX "AwardFlag_awardId_causeAwardId_key" ON "AwardFlag"("awardId", "causeAwardId");

-- CreateIndex
CREATE INDEX "Council_unitId_idx" ON "Council"("unitId");

-- CreateIndex
CREATE INDEX "CouncilMember_councilId_idx" ON "CouncilMember"("councilId");

-- CreateIndex
CREATE INDEX "CouncilMeeting_councilId_idx" ON "CouncilMeeting"("councilId");

-- CreateIndex
CREATE UNIQUE INDEX "BallotResult_meetingId_proposalItemId_key" ON "BallotResult"("meetingId", "proposalItemId");

-- CreateIndex
CREATE INDEX "ProposalPosting_proposalId_idx" ON "ProposalPosting"("proposalId");

-- CreateIndex
CREATE INDEX "ProposalPosting_unitId_idx" ON "ProposalPosting"("unitId");

-- CreateIndex
CREATE INDEX "PostingComment_postingId_idx" ON "PostingComment"("postingId");

-- CreateIndex
CREATE INDEX "AwardProposal_commandUnitId_idx" ON "AwardProposal"("commandUnitId");

-- CreateIndex
CREATE INDEX "AwardProposal_holderUnitId_idx" ON "AwardProposal"("holderUnitId");

-- CreateIndex
CREATE INDEX "AwardProposal_exemplarId_idx" ON "AwardProposal"("exemplarId");

-- CreateIndex
CREATE INDEX "Campaign_commandUnitId_idx" ON "Campaign"("commandUnitId");

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_commandUnitId_fkey" FOREIGN KEY ("commandUnitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AwardProposal" ADD CONSTRAINT "AwardProposal_exemplarId_fkey" FOREIGN KEY ("exemplarId") REFERENCES "Exemplar"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AwardProposal" ADD CONSTRAINT "AwardProposal_commandUnitId_fkey" FOREIGN KEY ("commandUnitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AwardProposal" ADD CONSTRAINT "AwardProposal_holderUnitId_fkey" FOREIGN KEY ("holderUnitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalStep" ADD CONSTRAINT "ProposalStep_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "AwardProposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalItem" ADD CONSTRAINT "ProposalItem_titleId_fkey" FOREIGN KEY ("titleId") REFERENCES "CampaignTitle"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalItem" ADD CONSTRAINT "ProposalItem_catalogId_fkey" FOREIGN KEY ("catalogId") REFERENCES "TitleCatalog"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AwardDecision" ADD CONSTRAINT "AwardDecision_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Award" ADD CONSTRAINT "Award_titleId_fkey" FOREIGN KEY ("titleId") REFERENCES "CampaignTitle"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Award" ADD CONSTRAINT "Award_catalogId_fkey" FOREIGN KEY ("catalogId") REFERENCES "TitleCatalog"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AwardRevocation" ADD CONSTRAINT "AwardRevocation_groundCode_fkey" FOREIGN KEY ("groundCode") REFERENCES "RevocationGround"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AwardFlag" ADD CONSTRAINT "AwardFlag_awardId_fkey" FOREIGN KEY ("awardId") REFERENCES "Award"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AwardFlag" ADD CONSTRAINT "AwardFlag_causeAwardId_fkey" FOREIGN KEY ("causeAwardId") REFERENCES "Award"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Council" ADD CONSTRAINT "Council_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CouncilMember" ADD CONSTRAINT "CouncilMember_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CouncilMeeting" ADD CONSTRAINT "CouncilMeeting_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingAttendance" ADD CONSTRAINT "MeetingAttendance_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "CouncilMeeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingAttendance" ADD CONSTRAINT "MeetingAttendance_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "CouncilMember"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingProposal" ADD CONSTRAINT "MeetingProposal_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "CouncilMeeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingProposal" ADD CONSTRAINT "MeetingProposal_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "AwardProposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BallotResult" ADD CONSTRAINT "BallotResult_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "CouncilMeeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BallotResult" ADD CONSTRAINT "BallotResult_proposalItemId_fkey" FOREIGN KEY ("proposalItemId") REFERENCES "ProposalItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalPosting" ADD CONSTRAINT "ProposalPosting_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "AwardProposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalPosting" ADD CONSTRAINT "ProposalPosting_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostingComment" ADD CONSTRAINT "PostingComment_postingId_fkey" FOREIGN KEY ("postingId") REFERENCES "ProposalPosting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostingComment" ADD CONSTRAINT "PostingComment_proposalItemId_fkey" FOREIGN KEY ("proposalItemId") REFERENCES "ProposalItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Existing proposal lines name their catalogue entry through the campaign title.
UPDATE "ProposalItem" pi SET "catalogId" = ct."catalogId" FROM "CampaignTitle" ct WHERE ct."id" = pi."titleId" AND pi."catalogId" IS NULL;

-- Ballot thresholds as data: the share of ALL council members who must agree.
UPDATE "TitleCatalog" SET "ballotPercent" = 90,
  "ballotLegalBasis" = 'Nghị định 91/2017/NĐ-CP: từ 90% trở lên tổng số thành viên Hội đồng (kể cả thành viên vắng mặt có ý kiến bằng văn bản) đối với danh hiệu, hình thức khen thưởng cấp cao (văn bản cũ; tỷ lệ của Nghị định năm 2023 chưa xác nhận)'
  WHERE "issuingLevel" IN ('MILITARY_REGION', 'MINISTRY', 'GOVERNMENT', 'STATE') OR "code" IN ('CSTDCS', 'DVQT', 'TTLDXS');
UPDATE "TitleCatalog" SET "ballotLegalBasis" = 'Mặc định: từ một nửa tổng số thành viên Hội đồng trở lên đồng ý (quy chế hoạt động của Hội đồng; chưa đối chiếu văn bản)'
  WHERE "ballotLegalBasis" IS NULL;

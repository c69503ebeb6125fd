-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'OFFICER', 'COMMANDER', 'UNIT');

-- CreateEnum
CREATE TYPE "UnitType" AS ENUM ('PROVINCIAL_COMMAND', 'AGENCIES_BLOC', 'DETACHMENT', 'DISTRICT_COMMAND', 'REGIMENT', 'OTHER');

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('DRAFT', 'ACTIVE', 'CLOSED', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "TotalMode" AS ENUM ('SUM', 'AVERAGE');

-- CreateEnum
CREATE TYPE "PeriodStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "CriterionKind" AS ENUM ('NORMAL', 'BONUS', 'PENALTY');

-- CreateEnum
CREATE TYPE "PledgeStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED');

-- CreateEnum
CREATE TYPE "AssessmentStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'RETURNED', 'VERIFIED');

-- CreateEnum
CREATE TYPE "TitleScope" AS ENUM ('COLLECTIVE', 'INDIVIDUAL');

-- CreateEnum
CREATE TYPE "TitleKind" AS ENUM ('TITLE', 'COMMENDATION');

-- CreateEnum
CREATE TYPE "ProposalStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED', 'DECIDED');

-- CreateEnum
CREATE TYPE "ExemplarKind" AS ENUM ('ADVANCED_EXEMPLAR', 'GOOD_DEED', 'GOOD_PRACTICE', 'NEW_FACTOR', 'EFFECTIVE_MODEL');

-- CreateEnum
CREATE TYPE "InspectionKind" AS ENUM ('INSPECTION', 'REINSPECTION');

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "username" VARCHAR(64) NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "fullName" VARCHAR(200) NOT NULL,
    "role" "Role" NOT NULL,
    "unitId" INTEGER,
    "locale" VARCHAR(5) NOT NULL DEFAULT 'vi',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "failedLogins" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "sid" VARCHAR(128) NOT NULL,
    "sess" JSONB NOT NULL,
    "expire" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("sid")
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(32) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "shortName" VARCHAR(80),
    "type" "UnitType" NOT NULL,
    "parentId" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "searchText" TEXT NOT NULL DEFAULT '',
    "demo" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Cluster" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "leadUnitId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Cluster_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClusterMember" (
    "clusterId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,

    CONSTRAINT "ClusterMember_pkey" PRIMARY KEY ("clusterId","unitId")
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(300) NOT NULL,
    "slogan" TEXT,
    "movements" TEXT,
    "themes" TEXT,
    "decisionNo" VARCHAR(100),
    "decisionDate" DATE,
    "issuingAuthority" VARCHAR(300),
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "status" "CampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "totalMode" "TotalMode" NOT NULL DEFAULT 'SUM',
    "tieBreaks" JSONB NOT NULL DEFAULT '[]',
    "classRules" JSONB NOT NULL DEFAULT '{}',
    "normalize" BOOLEAN NOT NULL DEFAULT false,
    "demo" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignStatusChange" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "fromStatus" "CampaignStatus",
    "toStatus" "CampaignStatus" NOT NULL,
    "byId" INTEGER,
    "reason" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CampaignStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignUnit" (
    "campaignId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,

    CONSTRAINT "CampaignUnit_pkey" PRIMARY KEY ("campaignId","unitId")
);

-- CreateTable
CREATE TABLE "Period" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "status" "PeriodStatus" NOT NULL DEFAULT 'OPEN',
    "closedAt" TIMESTAMP(3),
    "closedById" INTEGER,

    CONSTRAINT "Period_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CriteriaGroup" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "code" VARCHAR(20) NOT NULL,
    "title" VARCHAR(300) NOT NULL,
    "order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CriteriaGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Criterion" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "groupId" INTEGER NOT NULL,
    "code" VARCHAR(20) NOT NULL,
    "title" VARCHAR(300) NOT NULL,
    "description" TEXT,
    "maxPoints" DECIMAL(7,2) NOT NULL,
    "weight" DECIMAL(6,3) NOT NULL DEFAULT 1,
    "kind" "CriterionKind" NOT NULL DEFAULT 'NORMAL',
    "order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Criterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CriteriaTemplate" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "data" JSONB NOT NULL,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CriteriaTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignTitle" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "code" VARCHAR(20) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "scope" "TitleScope" NOT NULL,
    "kind" "TitleKind" NOT NULL DEFAULT 'TITLE',
    "quotaPercent" DECIMAL(5,2),
    "minClass" VARCHAR(20),
    "requiresRegistration" BOOLEAN NOT NULL DEFAULT true,
    "order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CampaignTitle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pledge" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "status" "PledgeStatus" NOT NULL DEFAULT 'DRAFT',
    "revision" INTEGER NOT NULL DEFAULT 1,
    "signatoryName" VARCHAR(200),
    "signatoryRank" VARCHAR(100),
    "signatoryPosition" VARCHAR(200),
    "signedDate" DATE,
    "returnReason" TEXT,
    "submittedAt" TIMESTAMP(3),
    "approvedAt" TIMESTAMP(3),
    "approvedById" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Pledge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PledgeRevision" (
    "id" SERIAL NOT NULL,
    "pledgeId" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "status" "PledgeStatus" NOT NULL,
    "snapshot" JSONB NOT NULL,
    "byId" INTEGER,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PledgeRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PledgeTarget" (
    "id" SERIAL NOT NULL,
    "pledgeId" INTEGER NOT NULL,
    "order" INTEGER NOT NULL DEFAULT 0,
    "content" TEXT NOT NULL,
    "indicator" VARCHAR(300),
    "unitOfMeasure" VARCHAR(50),
    "comparator" VARCHAR(3),
    "targetValue" DECIMAL(14,2),

    CONSTRAINT "PledgeTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PledgeMeasure" (
    "id" SERIAL NOT NULL,
    "pledgeId" INTEGER NOT NULL,
    "order" INTEGER NOT NULL DEFAULT 0,
    "content" TEXT NOT NULL,

    CONSTRAINT "PledgeMeasure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PledgeTitle" (
    "pledgeId" INTEGER NOT NULL,
    "titleId" INTEGER NOT NULL,

    CONSTRAINT "PledgeTitle_pkey" PRIMARY KEY ("pledgeId","titleId")
);

-- CreateTable
CREATE TABLE "TargetProgress" (
    "id" SERIAL NOT NULL,
    "targetId" INTEGER NOT NULL,
    "periodId" INTEGER NOT NULL,
    "valueReached" DECIMAL(14,2) NOT NULL,
    "note" TEXT,
    "reportedById" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TargetProgress_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "fullName" VARCHAR(200) NOT NULL,
    "rank" VARCHAR(100),
    "position" VARCHAR(200),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndividualRegistration" (
    "id" SERIAL NOT NULL,
    "pledgeId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "titleId" INTEGER NOT NULL,
    "commitment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IndividualRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Score" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "periodId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "criterionId" INTEGER NOT NULL,
    "points" DECIMAL(7,2),
    "comment" TEXT,
    "scoredById" INTEGER,
    "scoredAt" TIMESTAMP(3),
    "selfPoints" DECIMAL(7,2),
    "selfComment" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Score_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assessment" (
    "id" SERIAL NOT NULL,
    "periodId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "status" "AssessmentStatus" NOT NULL DEFAULT 'DRAFT',
    "selfNote" TEXT,
    "returnReason" TEXT,
    "submittedAt" TIMESTAMP(3),
    "verifiedById" INTEGER,
    "verifiedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" SERIAL NOT NULL,
    "ownerType" VARCHAR(30) NOT NULL,
    "ownerId" INTEGER NOT NULL,
    "fileName" VARCHAR(255) NOT NULL,
    "mimeType" VARCHAR(100) NOT NULL,
    "size" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "uploadedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Inspection" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "periodId" INTEGER,
    "unitId" INTEGER NOT NULL,
    "kind" "InspectionKind" NOT NULL DEFAULT 'INSPECTION',
    "date" DATE NOT NULL,
    "inspectors" VARCHAR(300) NOT NULL,
    "findings" TEXT NOT NULL,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Inspection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignResult" (
    "campaignId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "rank" INTEGER NOT NULL,
    "total" DECIMAL(10,3) NOT NULL,
    "class" VARCHAR(20) NOT NULL,
    "breakdown" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CampaignResult_pkey" PRIMARY KEY ("campaignId","unitId")
);

-- CreateTable
CREATE TABLE "AwardProposal" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "status" "ProposalStatus" NOT NULL DEFAULT 'DRAFT',
    "note" TEXT,
    "returnReason" TEXT,
    "createdById" INTEGER,
    "submittedById" INTEGER,
    "submittedAt" TIMESTAMP(3),
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AwardProposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalItem" (
    "id" SERIAL NOT NULL,
    "proposalId" INTEGER NOT NULL,
    "titleId" INTEGER NOT NULL,
    "unitId" INTEGER,
    "personId" INTEGER,
    "reason" TEXT,
    "achievements" TEXT,

    CONSTRAINT "ProposalItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AwardDecision" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "proposalId" INTEGER NOT NULL,
    "number" VARCHAR(100) NOT NULL,
    "date" DATE NOT NULL,
    "signingAuthority" VARCHAR(300) NOT NULL,
    "signerName" VARCHAR(200),
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AwardDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Award" (
    "id" SERIAL NOT NULL,
    "decisionId" INTEGER NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "titleId" INTEGER NOT NULL,
    "unitId" INTEGER,
    "personId" INTEGER,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Award_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AwardRevocation" (
    "id" SERIAL NOT NULL,
    "awardId" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "byId" INTEGER,
    "decisionNo" VARCHAR(100),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AwardRevocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Exemplar" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER,
    "unitId" INTEGER NOT NULL,
    "personName" VARCHAR(200),
    "kind" "ExemplarKind" NOT NULL,
    "title" VARCHAR(300) NOT NULL,
    "description" TEXT NOT NULL,
    "occurredOn" DATE,
    "evidence" TEXT,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "publishedById" INTEGER,
    "publishedAt" TIMESTAMP(3),
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Exemplar_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "kind" VARCHAR(60) NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "link" VARCHAR(300),
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" INTEGER,
    "action" VARCHAR(60) NOT NULL,
    "entityType" VARCHAR(40) NOT NULL,
    "entityId" VARCHAR(40) NOT NULL,
    "campaignId" INTEGER,
    "unitId" INTEGER,
    "before" JSONB,
    "after" JSONB,
    "reason" TEXT,
    "requestId" VARCHAR(64),

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "User_unitId_idx" ON "User"("unitId");

-- CreateIndex
CREATE INDEX "Session_expire_idx" ON "Session"("expire");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_code_key" ON "Unit"("code");

-- CreateIndex
CREATE INDEX "Unit_parentId_idx" ON "Unit"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "Cluster_name_key" ON "Cluster"("name");

-- CreateIndex
CREATE INDEX "ClusterMember_unitId_idx" ON "ClusterMember"("unitId");

-- CreateIndex
CREATE INDEX "Campaign_status_idx" ON "Campaign"("status");

-- CreateIndex
CREATE INDEX "CampaignStatusChange_campaignId_idx" ON "CampaignStatusChange"("campaignId");

-- CreateIndex
CREATE INDEX "CampaignUnit_unitId_idx" ON "CampaignUnit"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Period_campaignId_seq_key" ON "Period"("campaignId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "CriteriaGroup_campaignId_code_key" ON "CriteriaGroup"("campaignId", "code");

-- CreateIndex
CREATE INDEX "Criterion_groupId_idx" ON "Criterion"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "Criterion_campaignId_code_key" ON "Criterion"("campaignId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "CriteriaTemplate_name_key" ON "CriteriaTemplate"("name");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignTitle_campaignId_code_key" ON "CampaignTitle"("campaignId", "code");

-- CreateIndex
CREATE INDEX "Pledge_unitId_idx" ON "Pledge"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Pledge_campaignId_unitId_key" ON "Pledge"("campaignId", "unitId");

-- CreateIndex
CREATE INDEX "PledgeRevision_pledgeId_idx" ON "PledgeRevision"("pledgeId");

-- CreateIndex
CREATE INDEX "PledgeTarget_pledgeId_idx" ON "PledgeTarget"("pledgeId");

-- CreateIndex
CREATE INDEX "PledgeMeasure_pledgeId_idx" ON "PledgeMeasure"("pledgeId");

-- CreateIndex
CREATE UNIQUE INDEX "TargetProgress_targetId_periodId_key" ON "TargetProgress"("targetId", "periodId");

-- CreateIndex
CREATE INDEX "Person_unitId_idx" ON "Person"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "IndividualRegistration_pledgeId_personId_titleId_key" ON "IndividualRegistration"("pledgeId", "personId", "titleId");

-- CreateIndex
CREATE INDEX "Score_campaignId_periodId_idx" ON "Score"("campaignId", "periodId");

-- CreateIndex
CREATE INDEX "Score_criterionId_idx" ON "Score"("criterionId");

-- CreateIndex
CREATE INDEX "Score_unitId_idx" ON "Score"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Score_periodId_unitId_criterionId_key" ON "Score"("periodId", "unitId", "criterionId");

-- CreateIndex
CREATE INDEX "Assessment_unitId_idx" ON "Assessment"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Assessment_periodId_unitId_key" ON "Assessment"("periodId", "unitId");

-- CreateIndex
CREATE INDEX "Attachment_ownerType_ownerId_idx" ON "Attachment"("ownerType", "ownerId");

-- CreateIndex
CREATE INDEX "Inspection_campaignId_unitId_idx" ON "Inspection"("campaignId", "unitId");

-- CreateIndex
CREATE INDEX "AwardProposal_campaignId_idx" ON "AwardProposal"("campaignId");

-- CreateIndex
CREATE INDEX "ProposalItem_proposalId_idx" ON "ProposalItem"("proposalId");

-- CreateIndex
CREATE UNIQUE INDEX "AwardDecision_proposalId_key" ON "AwardDecision"("proposalId");

-- CreateIndex
CREATE UNIQUE INDEX "AwardDecision_number_key" ON "AwardDecision"("number");

-- CreateIndex
CREATE INDEX "Award_unitId_idx" ON "Award"("unitId");

-- CreateIndex
CREATE INDEX "Award_personId_idx" ON "Award"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "Award_campaignId_titleId_unitId_key" ON "Award"("campaignId", "titleId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Award_campaignId_titleId_personId_key" ON "Award"("campaignId", "titleId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "AwardRevocation_awardId_key" ON "AwardRevocation"("awardId");

-- CreateIndex
CREATE INDEX "Exemplar_campaignId_published_idx" ON "Exemplar"("campaignId", "published");

-- CreateIndex
CREATE INDEX "Exemplar_unitId_idx" ON "Exemplar"("unitId");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- CreateIndex
CREATE INDEX "AuditLog_entityType_entityId_idx" ON "AuditLog"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_campaignId_idx" ON "AuditLog"("campaignId");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Cluster" ADD CONSTRAINT "Cluster_leadUnitId_fkey" FOREIGN KEY ("leadUnitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClusterMember" ADD CONSTRAINT "ClusterMember_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClusterMember" ADD CONSTRAINT "ClusterMember_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignStatusChange" ADD CONSTRAINT "CampaignStatusChange_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignUnit" ADD CONSTRAINT "CampaignUnit_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignUnit" ADD CONSTRAINT "CampaignUnit_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Period" ADD CONSTRAINT "Period_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CriteriaGroup" ADD CONSTRAINT "CriteriaGroup_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Criterion" ADD CONSTRAINT "Criterion_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Criterion" ADD CONSTRAINT "Criterion_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "CriteriaGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignTitle" ADD CONSTRAINT "CampaignTitle_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pledge" ADD CONSTRAINT "Pledge_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pledge" ADD CONSTRAINT "Pledge_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PledgeRevision" ADD CONSTRAINT "PledgeRevision_pledgeId_fkey" FOREIGN KEY ("pledgeId") REFERENCES "Pledge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PledgeTarget" ADD CONSTRAINT "PledgeTarget_pledgeId_fkey" FOREIGN KEY ("pledgeId") REFERENCES "Pledge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PledgeMeasure" ADD CONSTRAINT "PledgeMeasure_pledgeId_fkey" FOREIGN KEY ("pledgeId") REFERENCES "Pledge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PledgeTitle" ADD CONSTRAINT "PledgeTitle_pledgeId_fkey" FOREIGN KEY ("pledgeId") REFERENCES "Pledge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PledgeTitle" ADD CONSTRAINT "PledgeTitle_titleId_fkey" FOREIGN KEY ("titleId") REFERENCES "CampaignTitle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetProgress" ADD CONSTRAINT "TargetProgress_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "PledgeTarget"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetProgress" ADD CONSTRAINT "TargetProgress_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "Period"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndividualRegistration" ADD CONSTRAINT "IndividualRegistration_pledgeId_fkey" FOREIGN KEY ("pledgeId") REFERENCES "Pledge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndividualRegistration" ADD CONSTRAINT "IndividualRegistration_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndividualRegistration" ADD CONSTRAINT "IndividualRegistration_titleId_fkey" FOREIGN KEY ("titleId") REFERENCES "CampaignTitle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Score" ADD CONSTRAINT "Score_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Score" ADD CONSTRAINT "Score_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "Period"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Score" ADD CONSTRAINT "Score_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Score" ADD CONSTRAINT "Score_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "Period"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "Period"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignResult" ADD CONSTRAINT "CampaignResult_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignResult" ADD CONSTRAINT "CampaignResult_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AwardProposal" ADD CONSTRAINT "AwardProposal_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalItem" ADD CONSTRAINT "ProposalItem_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "AwardProposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalItem" ADD CONSTRAINT "ProposalItem_titleId_fkey" FOREIGN KEY ("titleId") REFERENCES "CampaignTitle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalItem" ADD CONSTRAINT "ProposalItem_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalItem" ADD CONSTRAINT "ProposalItem_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AwardDecision" ADD CONSTRAINT "AwardDecision_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AwardDecision" ADD CONSTRAINT "AwardDecision_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "AwardProposal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Award" ADD CONSTRAINT "Award_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "AwardDecision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Award" ADD CONSTRAINT "Award_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Award" ADD CONSTRAINT "Award_titleId_fkey" FOREIGN KEY ("titleId") REFERENCES "CampaignTitle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Award" ADD CONSTRAINT "Award_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Award" ADD CONSTRAINT "Award_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AwardRevocation" ADD CONSTRAINT "AwardRevocation_awardId_fkey" FOREIGN KEY ("awardId") REFERENCES "Award"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Exemplar" ADD CONSTRAINT "Exemplar_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Exemplar" ADD CONSTRAINT "Exemplar_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

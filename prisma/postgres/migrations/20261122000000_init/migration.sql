-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Scenario" (
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "json" TEXT NOT NULL,
    "builtin" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Scenario_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "Run" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "scenarioName" TEXT NOT NULL,
    "scenarioJson" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "overridesJson" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL,
    "error" TEXT,
    "parentRunId" TEXT,
    "forkAtMs" DOUBLE PRECISION,
    "virtualMs" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "traceHash" TEXT,
    "summaryJson" TEXT,
    "checksJson" TEXT,
    "search" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunCommand" (
    "runId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "atMs" DOUBLE PRECISION NOT NULL,
    "command" TEXT NOT NULL,

    CONSTRAINT "RunCommand_pkey" PRIMARY KEY ("runId","seq")
);

-- CreateIndex
CREATE INDEX "Run_createdAt_idx" ON "Run"("createdAt");

-- CreateIndex
CREATE INDEX "Run_status_createdAt_idx" ON "Run"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Run_scenarioName_createdAt_idx" ON "Run"("scenarioName", "createdAt");

-- CreateIndex
CREATE INDEX "Run_parentRunId_idx" ON "Run"("parentRunId");

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_parentRunId_fkey" FOREIGN KEY ("parentRunId") REFERENCES "Run"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunCommand" ADD CONSTRAINT "RunCommand_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;


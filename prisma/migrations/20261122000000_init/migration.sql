-- CreateTable
CREATE TABLE "Scenario" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "json" TEXT NOT NULL,
    "builtin" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Run" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "scenarioName" TEXT NOT NULL,
    "scenarioJson" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "overridesJson" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL,
    "error" TEXT,
    "parentRunId" TEXT,
    "forkAtMs" REAL,
    "virtualMs" REAL NOT NULL DEFAULT 0,
    "traceHash" TEXT,
    "summaryJson" TEXT,
    "checksJson" TEXT,
    "search" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Run_parentRunId_fkey" FOREIGN KEY ("parentRunId") REFERENCES "Run" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RunCommand" (
    "runId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "atMs" REAL NOT NULL,
    "command" TEXT NOT NULL,

    PRIMARY KEY ("runId", "seq"),
    CONSTRAINT "RunCommand_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Run_createdAt_idx" ON "Run"("createdAt");

-- CreateIndex
CREATE INDEX "Run_status_createdAt_idx" ON "Run"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Run_scenarioName_createdAt_idx" ON "Run"("scenarioName", "createdAt");

-- CreateIndex
CREATE INDEX "Run_parentRunId_idx" ON "Run"("parentRunId");


-- 帮扶 tied to risks (issue 15 item 5): the county-managed risk type ↔ measure category fit. The fit lives on the
-- risk type row (versioned like its other settings). An empty list means "not set by the county": the built-in
-- default of lib/monitoring/rules.ts#DEFAULT_RISK_FIT applies (a county-added type then fits every category).
-- A county-set list is never empty (the command refuses it).
ALTER TABLE "monitoring_risk_type" ADD COLUMN "fit_categories" TEXT[] NOT NULL DEFAULT '{}';

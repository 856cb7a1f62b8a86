-- 合规自付医疗费用: what the household paid itself in the year for eligible medical care after insurance, in fen.
-- Not income and not an expense of the per-capita net income; only the 预警 "自付医疗费用 above a share of income"
-- reads it (docs/decisions/030). Empty = not entered (every row before this migration).
ALTER TABLE "income_record" ADD COLUMN "medical_out_of_pocket_fen" INTEGER;
ALTER TABLE "income_record" ADD CONSTRAINT "income_record_medical_out_of_pocket_fen_check" CHECK ("medical_out_of_pocket_fen" >= 0);

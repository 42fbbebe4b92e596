-- The database guarantees of design §5 "Fees": a claim is in at most one payroll batch (with the unique
-- claim id of payroll_batch_claims), and a batch, once exported, never changes: its claims, its rows
-- and the batch itself, apart from being marked paid once. The lines of an approved claim never change
-- either (a rule changed later never changes an approved claim).
CREATE TRIGGER payroll_batch_claims_one_batch BEFORE INSERT ON payroll_batch_claims
WHEN EXISTS (SELECT 1 FROM payroll_batch_claims AS other WHERE other.claim_id = NEW.claim_id)
BEGIN
  SELECT RAISE(ABORT, 'claim_already_batched');
END;
--> statement-breakpoint
CREATE TRIGGER payroll_batch_claims_exported_insert BEFORE INSERT ON payroll_batch_claims
WHEN (SELECT exported_at FROM payroll_batches WHERE id = NEW.batch_id) IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'batch_exported');
END;
--> statement-breakpoint
CREATE TRIGGER payroll_batch_claims_fixed BEFORE UPDATE ON payroll_batch_claims
BEGIN
  SELECT RAISE(ABORT, 'batch_fixed');
END;
--> statement-breakpoint
CREATE TRIGGER payroll_batch_claims_exported_delete BEFORE DELETE ON payroll_batch_claims
WHEN (SELECT exported_at FROM payroll_batches WHERE id = OLD.batch_id) IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'batch_exported');
END;
--> statement-breakpoint
CREATE TRIGGER payroll_batch_lines_written_once BEFORE INSERT ON payroll_batch_lines
WHEN (SELECT exported_at FROM payroll_batches WHERE id = NEW.batch_id) IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'batch_exported');
END;
--> statement-breakpoint
CREATE TRIGGER payroll_batch_lines_no_update BEFORE UPDATE ON payroll_batch_lines
BEGIN
  SELECT RAISE(ABORT, 'batch_exported');
END;
--> statement-breakpoint
CREATE TRIGGER payroll_batch_lines_no_delete BEFORE DELETE ON payroll_batch_lines
BEGIN
  SELECT RAISE(ABORT, 'batch_exported');
END;
--> statement-breakpoint
CREATE TRIGGER payroll_batches_exported_fixed BEFORE UPDATE ON payroll_batches
WHEN OLD.exported_at IS NOT NULL AND (
  NEW.exported_at IS NOT OLD.exported_at OR NEW.region_id IS NOT OLD.region_id OR NEW.up_to IS NOT OLD.up_to
  OR NEW.payment_on IS NOT OLD.payment_on OR NEW.total_cents IS NOT OLD.total_cents OR NEW.created_at IS NOT OLD.created_at
  OR NEW.created_by_user_id IS NOT OLD.created_by_user_id OR (OLD.paid_on IS NOT NULL AND NEW.paid_on IS NOT OLD.paid_on))
BEGIN
  SELECT RAISE(ABORT, 'batch_exported');
END;
--> statement-breakpoint
CREATE TRIGGER payroll_batches_exported_delete BEFORE DELETE ON payroll_batches
WHEN OLD.exported_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'batch_exported');
END;
--> statement-breakpoint
CREATE TRIGGER fee_claim_lines_locked_insert BEFORE INSERT ON fee_claim_lines
WHEN (SELECT state FROM fee_claims WHERE id = NEW.claim_id) IN ('approved', 'batched', 'paid')
BEGIN
  SELECT RAISE(ABORT, 'claim_locked');
END;
--> statement-breakpoint
CREATE TRIGGER fee_claim_lines_locked_update BEFORE UPDATE ON fee_claim_lines
WHEN (SELECT state FROM fee_claims WHERE id = OLD.claim_id) IN ('approved', 'batched', 'paid')
BEGIN
  SELECT RAISE(ABORT, 'claim_locked');
END;
--> statement-breakpoint
CREATE TRIGGER fee_claim_lines_locked_delete BEFORE DELETE ON fee_claim_lines
WHEN (SELECT state FROM fee_claims WHERE id = OLD.claim_id) IN ('approved', 'batched', 'paid')
BEGIN
  SELECT RAISE(ABORT, 'claim_locked');
END;
--> statement-breakpoint
-- A claim of an exported batch only goes from batched to paid; a paid claim never changes.
CREATE TRIGGER fee_claims_exported_fixed BEFORE UPDATE ON fee_claims
WHEN OLD.state = 'paid' OR (NEW.state NOT IN ('batched', 'paid') AND EXISTS (
  SELECT 1 FROM payroll_batch_claims AS member JOIN payroll_batches AS batch ON batch.id = member.batch_id
  WHERE member.claim_id = OLD.id AND batch.exported_at IS NOT NULL))
BEGIN
  SELECT RAISE(ABORT, 'batch_exported');
END;
--> statement-breakpoint
-- The tax card was one date on the expert; it is now one per calendar year (the year of that date).
INSERT INTO tax_cards (expert_id, year, received_on)
SELECT id, CAST(substr(tax_card_received_on, 1, 4) AS INTEGER), tax_card_received_on FROM experts
WHERE tax_card_received_on IS NOT NULL;

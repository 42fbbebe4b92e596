-- The database guarantees of design §5: however many acceptances arrive at once, an order never holds
-- more live (not cancelled) assignments than places, and an expert never holds two live assignments
-- that overlap in time. The partial unique indexes of 0004 give one live assignment per slot and per
-- expert and order; these triggers keep each slot within 1…experts_wanted and refuse overlaps.
CREATE TRIGGER assignments_slot_within_places BEFORE INSERT ON assignments
WHEN NEW.slot < 1 OR NEW.slot > (SELECT experts_wanted FROM orders WHERE orders.id = NEW.order_id)
BEGIN
  SELECT RAISE(ABORT, 'order_full');
END;
--> statement-breakpoint
CREATE TRIGGER assignments_no_double_booking BEFORE INSERT ON assignments
WHEN NEW.status <> 'cancelled' AND EXISTS (
  SELECT 1 FROM assignments AS other
  WHERE other.expert_id = NEW.expert_id AND other.status <> 'cancelled'
    AND other.starts_at < NEW.ends_at AND NEW.starts_at < other.ends_at)
BEGIN
  SELECT RAISE(ABORT, 'expert_double_booked');
END;
--> statement-breakpoint
-- A cancelled assignment stays cancelled (a reopened place is a new assignment), and who, which order,
-- which slot and when never change after the insert.
CREATE TRIGGER assignments_fixed_facts BEFORE UPDATE ON assignments
WHEN (OLD.status = 'cancelled' AND NEW.status <> 'cancelled')
  OR NEW.order_id <> OLD.order_id OR NEW.expert_id <> OLD.expert_id OR NEW.slot <> OLD.slot
  OR NEW.starts_at <> OLD.starts_at OR NEW.ends_at <> OLD.ends_at
BEGIN
  SELECT RAISE(ABORT, 'assignment_fixed');
END;

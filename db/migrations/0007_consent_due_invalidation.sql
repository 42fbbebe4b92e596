-- experts.consent_due_on is derived from the expert's consents and birth date; whatever writes them
-- (the app, the demo seed, a script), the database forgets the derived value and the app computes
-- it again on its next read.
CREATE TRIGGER consents_insert_forgets_due AFTER INSERT ON consents
BEGIN
  UPDATE experts SET consent_due_on = NULL WHERE id = NEW.expert_id;
END;
--> statement-breakpoint
CREATE TRIGGER consents_update_forgets_due AFTER UPDATE ON consents
BEGIN
  UPDATE experts SET consent_due_on = NULL WHERE id IN (OLD.expert_id, NEW.expert_id);
END;
--> statement-breakpoint
CREATE TRIGGER consents_delete_forgets_due AFTER DELETE ON consents
BEGIN
  UPDATE experts SET consent_due_on = NULL WHERE id = OLD.expert_id;
END;
--> statement-breakpoint
CREATE TRIGGER experts_birth_date_forgets_due AFTER UPDATE OF birth_date ON experts
WHEN NEW.birth_date <> OLD.birth_date
BEGIN
  UPDATE experts SET consent_due_on = NULL WHERE id = NEW.id;
END;

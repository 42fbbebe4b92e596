-- A debrief belongs to the region of its assignment's order. The database fills it on every insert,
-- whoever inserts (the app, the demo seed, the scale data), and here for the rows already there.
CREATE TRIGGER debriefs_region AFTER INSERT ON debriefs
BEGIN
  UPDATE debriefs SET region_id = (
    SELECT o.region_id FROM assignments a JOIN orders o ON o.id = a.order_id WHERE a.id = NEW.assignment_id)
  WHERE id = NEW.id;
END;
--> statement-breakpoint
UPDATE debriefs SET region_id = (
  SELECT o.region_id FROM assignments a JOIN orders o ON o.id = a.order_id WHERE a.id = debriefs.assignment_id);

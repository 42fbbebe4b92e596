DROP INDEX `debriefs_due`;--> statement-breakpoint
ALTER TABLE `debriefs` ADD `region_id` integer REFERENCES regions(id);--> statement-breakpoint
CREATE INDEX `debriefs_region_due` ON `debriefs` (`region_id`,`done_on`,`due_on`);
DROP INDEX `experts_region_status`;--> statement-breakpoint
ALTER TABLE `experts` ADD `consent_due_on` text;--> statement-breakpoint
CREATE INDEX `experts_region_status_display_name` ON `experts` (`region_id`,`status`,`display_name`);--> statement-breakpoint
CREATE INDEX `experts_region_real_name` ON `experts` (`region_id`,real_name collate nocase,`id`);--> statement-breakpoint
CREATE INDEX `experts_region_consent_due` ON `experts` (`region_id`,`consent_due_on`,`status`);
DROP INDEX `audit_subject`;--> statement-breakpoint
DROP INDEX `audit_actor`;--> statement-breakpoint
CREATE INDEX `audit_subject_at` ON `audit_log` (`subject_type`,`subject_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_actor_at` ON `audit_log` (`actor_user_id`,`at`);
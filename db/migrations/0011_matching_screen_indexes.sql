DROP INDEX `availability_windows_expert`;--> statement-breakpoint
CREATE INDEX `availability_windows_expert_weekday` ON `availability_windows` (`expert_id`,`weekday`,`starts_at`,`ends_at`);--> statement-breakpoint
DROP INDEX `training_enrolments_expert`;--> statement-breakpoint
CREATE INDEX `training_enrolments_expert_completed` ON `training_enrolments` (`expert_id`,`completed_on`,`training_id`);--> statement-breakpoint
DROP INDEX `unavailable_periods_expert`;--> statement-breakpoint
CREATE INDEX `unavailable_periods_expert_days` ON `unavailable_periods` (`expert_id`,`starts_on`,`ends_on`);
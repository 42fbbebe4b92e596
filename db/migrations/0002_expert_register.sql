CREATE TABLE `availability_windows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`expert_id` integer NOT NULL,
	`weekday` integer NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `availability_windows_expert` ON `availability_windows` (`expert_id`);--> statement-breakpoint
CREATE TABLE `consents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`expert_id` integer NOT NULL,
	`given_by` text NOT NULL,
	`giver_name` text,
	`scope_register` integer DEFAULT true NOT NULL,
	`scope_contact` integer DEFAULT false NOT NULL,
	`scope_media` integer DEFAULT false NOT NULL,
	`scope_real_name` integer DEFAULT false NOT NULL,
	`given_on` text NOT NULL,
	`expires_on` text NOT NULL,
	`recorded_by_user_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consents_expert` ON `consents` (`expert_id`);--> statement-breakpoint
CREATE TABLE `expert_areas` (
	`expert_id` integer NOT NULL,
	`area_id` integer NOT NULL,
	PRIMARY KEY(`expert_id`, `area_id`),
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `expert_areas_area` ON `expert_areas` (`area_id`);--> statement-breakpoint
CREATE TABLE `expert_channels` (
	`expert_id` integer NOT NULL,
	`channel_id` integer NOT NULL,
	PRIMARY KEY(`expert_id`, `channel_id`),
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `expert_excluded_units` (
	`expert_id` integer NOT NULL,
	`ordering_unit_id` integer NOT NULL,
	PRIMARY KEY(`expert_id`, `ordering_unit_id`),
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ordering_unit_id`) REFERENCES `ordering_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `expert_experience_areas` (
	`expert_id` integer NOT NULL,
	`experience_area_id` integer NOT NULL,
	PRIMARY KEY(`expert_id`, `experience_area_id`),
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`experience_area_id`) REFERENCES `experience_areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `expert_experience_areas_area` ON `expert_experience_areas` (`experience_area_id`);--> statement-breakpoint
CREATE TABLE `expert_languages` (
	`expert_id` integer NOT NULL,
	`language` text NOT NULL,
	PRIMARY KEY(`expert_id`, `language`),
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `expert_languages_language` ON `expert_languages` (`language`);--> statement-breakpoint
CREATE TABLE `expert_status_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`expert_id` integer NOT NULL,
	`status` text NOT NULL,
	`changed_on` text NOT NULL,
	`reason` text,
	`changed_by_user_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`changed_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `expert_status_history_expert` ON `expert_status_history` (`expert_id`);--> statement-breakpoint
CREATE TABLE `experts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`region_id` integer NOT NULL,
	`user_id` integer,
	`real_name` text NOT NULL,
	`display_name` text NOT NULL,
	`birth_date` text NOT NULL,
	`group_id` integer NOT NULL,
	`email` text,
	`phone` text,
	`preferred_language` text DEFAULT 'fi' NOT NULL,
	`remote_allowed` integer DEFAULT false NOT NULL,
	`host_organisation_id` integer,
	`status` text DEFAULT 'candidate' NOT NULL,
	`status_since` text NOT NULL,
	`internal_notes` text,
	`fee_preference` text DEFAULT 'paid' NOT NULL,
	`income_limit_cents` integer,
	`tax_card_received_on` text,
	`identity_code_encrypted` text,
	`monthly_cap` integer,
	`paused_until` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `expert_groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`host_organisation_id`) REFERENCES `host_organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `experts_user_id_unique` ON `experts` (`user_id`);--> statement-breakpoint
CREATE INDEX `experts_region_status` ON `experts` (`region_id`,`status`);--> statement-breakpoint
CREATE INDEX `experts_region_group` ON `experts` (`region_id`,`group_id`);--> statement-breakpoint
CREATE INDEX `experts_region_display_name` ON `experts` (`region_id`,`display_name`);--> statement-breakpoint
CREATE INDEX `experts_region_host` ON `experts` (`region_id`,`host_organisation_id`);--> statement-breakpoint
CREATE TABLE `training_enrolments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`training_id` integer NOT NULL,
	`expert_id` integer NOT NULL,
	`enrolled_on` text NOT NULL,
	`completed_on` text,
	FOREIGN KEY (`training_id`) REFERENCES `trainings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_enrolments_unique` ON `training_enrolments` (`training_id`,`expert_id`);--> statement-breakpoint
CREATE INDEX `training_enrolments_expert` ON `training_enrolments` (`expert_id`);--> statement-breakpoint
CREATE TABLE `trainings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`region_id` integer NOT NULL,
	`name` text NOT NULL,
	`host_organisation_id` integer,
	`hours` integer NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`is_basic` integer DEFAULT false NOT NULL,
	`validity_months` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`host_organisation_id`) REFERENCES `host_organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `trainings_region_starts` ON `trainings` (`region_id`,`starts_on`);--> statement-breakpoint
CREATE TABLE `unavailable_periods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`expert_id` integer NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`note` text,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `unavailable_periods_expert` ON `unavailable_periods` (`expert_id`);
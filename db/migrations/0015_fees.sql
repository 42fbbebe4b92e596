CREATE TABLE `fee_channel_bases` (
	`region_id` integer NOT NULL,
	`year` integer NOT NULL,
	`channel_id` integer NOT NULL,
	`basis` text NOT NULL,
	PRIMARY KEY(`region_id`, `year`, `channel_id`),
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `fee_claim_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`at` text NOT NULL,
	`user_id` integer,
	`action` text NOT NULL,
	`line_kind` text,
	`before_cents` integer,
	`after_cents` integer,
	`reason` text,
	FOREIGN KEY (`claim_id`) REFERENCES `fee_claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `fee_claim_events_claim` ON `fee_claim_events` (`claim_id`);--> statement-breakpoint
CREATE TABLE `fee_claim_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`kind` text NOT NULL,
	`basis` text,
	`quantity` integer,
	`rate_cents` integer,
	`amount_cents` integer NOT NULL,
	`income_type_code` text NOT NULL,
	`income_type_text` text NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `fee_claims`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fee_claim_lines_claim_kind` ON `fee_claim_lines` (`claim_id`,`kind`);--> statement-breakpoint
CREATE TABLE `fee_claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`region_id` integer NOT NULL,
	`expert_id` integer NOT NULL,
	`source_type` text NOT NULL,
	`source_id` integer NOT NULL,
	`work_day` text NOT NULL,
	`year` integer NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`fee_choice` text,
	`return_reason` text,
	`rules_missing` integer DEFAULT false NOT NULL,
	`submitted_at` text,
	`approved_at` text,
	`approved_by_user_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fee_claims_source` ON `fee_claims` (`source_type`,`source_id`);--> statement-breakpoint
CREATE INDEX `fee_claims_region_state` ON `fee_claims` (`region_id`,`state`,`work_day`);--> statement-breakpoint
CREATE INDEX `fee_claims_expert_year` ON `fee_claims` (`expert_id`,`year`);--> statement-breakpoint
CREATE TABLE `fee_packages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`region_id` integer NOT NULL,
	`year` integer NOT NULL,
	`name` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`channel_id` integer,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `fee_packages_region_year` ON `fee_packages` (`region_id`,`year`);--> statement-breakpoint
CREATE TABLE `fee_rules` (
	`region_id` integer NOT NULL,
	`year` integer NOT NULL,
	`hourly_cents` integer NOT NULL,
	`meeting_fee_cents` integer NOT NULL,
	`preparation_paid` integer NOT NULL,
	`preparation_hourly_cents` integer NOT NULL,
	`kilometre_cents` integer NOT NULL,
	`receipts_reimbursed` integer NOT NULL,
	`fee_code` text NOT NULL,
	`fee_text` text NOT NULL,
	`preparation_code` text NOT NULL,
	`preparation_text` text NOT NULL,
	`travel_code` text NOT NULL,
	`travel_text` text NOT NULL,
	`receipts_code` text NOT NULL,
	`receipts_text` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`region_id`, `year`),
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `fee_unit_overrides` (
	`region_id` integer NOT NULL,
	`year` integer NOT NULL,
	`ordering_unit_id` integer NOT NULL,
	`basis` text NOT NULL,
	`amount_cents` integer NOT NULL,
	PRIMARY KEY(`region_id`, `year`, `ordering_unit_id`),
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ordering_unit_id`) REFERENCES `ordering_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `payroll_batch_claims` (
	`batch_id` integer NOT NULL,
	`claim_id` integer NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `payroll_batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`claim_id`) REFERENCES `fee_claims`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payroll_batch_claims_claim` ON `payroll_batch_claims` (`claim_id`);--> statement-breakpoint
CREATE INDEX `payroll_batch_claims_batch` ON `payroll_batch_claims` (`batch_id`);--> statement-breakpoint
CREATE TABLE `payroll_batch_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`claim_id` integer NOT NULL,
	`payee_name` text NOT NULL,
	`identity_code_encrypted` text,
	`birth_date` text NOT NULL,
	`income_type_code` text NOT NULL,
	`income_type_text` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`work_day` text NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `payroll_batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`claim_id`) REFERENCES `fee_claims`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payroll_batch_lines_batch` ON `payroll_batch_lines` (`batch_id`,`id`);--> statement-breakpoint
CREATE TABLE `payroll_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`region_id` integer NOT NULL,
	`up_to` text NOT NULL,
	`payment_on` text NOT NULL,
	`total_cents` integer NOT NULL,
	`created_by_user_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`exported_at` text,
	`paid_on` text,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payroll_batches_region_created` ON `payroll_batches` (`region_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `tax_cards` (
	`expert_id` integer NOT NULL,
	`year` integer NOT NULL,
	`received_on` text NOT NULL,
	`recorded_by_user_id` integer,
	`recorded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`expert_id`, `year`),
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);

CREATE TABLE `assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`expert_id` integer NOT NULL,
	`offer_id` integer,
	`slot` integer NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`load` text NOT NULL,
	`status` text DEFAULT 'confirmed' NOT NULL,
	`confirmed_at` text NOT NULL,
	`cancelled_at` text,
	`cancelled_by` text,
	`cancelled_by_user_id` integer,
	`cancellation_reason` text,
	`fee_due` integer DEFAULT true NOT NULL,
	`actual_minutes` integer,
	`preparation_minutes` integer,
	`kilometres` integer,
	`receipts_cents` integer,
	`audience_came` integer,
	`completed_at` text,
	`completed_by_user_id` integer,
	`reminder_sent_at` text,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cancelled_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`completed_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assignments_live_slot` ON `assignments` (`order_id`,`slot`) WHERE status <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX `assignments_live_expert` ON `assignments` (`order_id`,`expert_id`) WHERE status <> 'cancelled';--> statement-breakpoint
CREATE INDEX `assignments_expert_starts` ON `assignments` (`expert_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `assignments_status_starts` ON `assignments` (`status`,`starts_at`);--> statement-breakpoint
CREATE TABLE `calendar_tokens` (
	`expert_id` integer PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_tokens_token_hash_unique` ON `calendar_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `debriefs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assignment_id` integer NOT NULL,
	`due_on` text NOT NULL,
	`done_on` text,
	`held_by_user_id` integer,
	`support_needed` integer,
	`recorded_at` text,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`held_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `debriefs_assignment_id_unique` ON `debriefs` (`assignment_id`);--> statement-breakpoint
CREATE INDEX `debriefs_due` ON `debriefs` (`done_on`,`due_on`);--> statement-breakpoint
CREATE TABLE `offers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`expert_id` integer NOT NULL,
	`offered_by_user_id` integer,
	`status` text DEFAULT 'pending' NOT NULL,
	`offered_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`answered_at` text,
	`decline_reason` text,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`offered_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `offers_order_expert` ON `offers` (`order_id`,`expert_id`);--> statement-breakpoint
CREATE INDEX `offers_expert_status` ON `offers` (`expert_id`,`status`);--> statement-breakpoint
CREATE INDEX `offers_expert_offered` ON `offers` (`expert_id`,`offered_at`);--> statement-breakpoint
CREATE TABLE `order_experience_areas` (
	`order_id` integer NOT NULL,
	`experience_area_id` integer NOT NULL,
	PRIMARY KEY(`order_id`, `experience_area_id`),
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`experience_area_id`) REFERENCES `experience_areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `order_groups` (
	`order_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	PRIMARY KEY(`order_id`, `group_id`),
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `expert_groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`region_id` integer NOT NULL,
	`ordering_unit_id` integer NOT NULL,
	`ordered_by_user_id` integer,
	`channel_id` integer NOT NULL,
	`topic` text NOT NULL,
	`description` text,
	`day` text NOT NULL,
	`start_time` text NOT NULL,
	`duration_minutes` integer NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`remote` integer DEFAULT false NOT NULL,
	`area_id` integer,
	`address` text,
	`audience_kind` text,
	`audience_size` integer,
	`experts_wanted` integer DEFAULT 1 NOT NULL,
	`language` text DEFAULT 'fi' NOT NULL,
	`preparation_wanted` integer DEFAULT false NOT NULL,
	`load` text NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`cancellation_reason` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ordering_unit_id`) REFERENCES `ordering_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ordered_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `orders_region_status_starts` ON `orders` (`region_id`,`status`,`starts_at`);--> statement-breakpoint
CREATE INDEX `orders_region_starts` ON `orders` (`region_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `orders_unit_starts` ON `orders` (`ordering_unit_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `region_settings` (
	`region_id` integer PRIMARY KEY NOT NULL,
	`heavy_monthly_cap` integer DEFAULT 2 NOT NULL,
	`cool_off_days` integer DEFAULT 7 NOT NULL,
	`travel_margin_minutes` integer DEFAULT 60 NOT NULL,
	`offer_expiry_hours` integer DEFAULT 72 NOT NULL,
	`free_cancellation_hours` integer DEFAULT 24 NOT NULL,
	`debrief_due_days` integer DEFAULT 7 NOT NULL,
	`hourly_fee_cents` integer DEFAULT 2500 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);

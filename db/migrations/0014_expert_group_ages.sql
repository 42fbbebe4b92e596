ALTER TABLE `expert_groups` ADD `min_age` integer;--> statement-breakpoint
ALTER TABLE `expert_groups` ADD `max_age` integer;
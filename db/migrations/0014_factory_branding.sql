CREATE TABLE `factory_logo` (
	`id` integer PRIMARY KEY NOT NULL,
	`content_type` text NOT NULL,
	`bytes` blob NOT NULL,
	`sha256` text NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "factory_logo_single_row" CHECK(id = 1)
);
--> statement-breakpoint
ALTER TABLE `factory_profile` ADD `accent` text;--> statement-breakpoint
ALTER TABLE `factory_profile` ADD `sender_name` text;--> statement-breakpoint
ALTER TABLE `factory_profile` ADD `sender_email` text;--> statement-breakpoint
ALTER TABLE `factory_profile` ADD `frame_origins` text;--> statement-breakpoint
ALTER TABLE `factory_profile` ADD `promise_count` integer;--> statement-breakpoint
ALTER TABLE `factory_profile` ADD `promise_unit` text;
CREATE TABLE `rate_confirmations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`confirmed_by` text NOT NULL,
	`confirmed_at` integer NOT NULL,
	FOREIGN KEY (`confirmed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`value` real NOT NULL,
	`currency` text,
	`source` text NOT NULL,
	`effective_from` integer NOT NULL,
	`reason` text,
	`changed_by` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rates_key_effective_idx` ON `rates` (`key`,`effective_from`,`id`);
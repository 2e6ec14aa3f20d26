CREATE TABLE `signed_ndas` (
	`inquiry_id` text PRIMARY KEY NOT NULL,
	`signed_on` text NOT NULL,
	`stored_key` text NOT NULL,
	`original_name` text NOT NULL,
	`size` integer NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`inquiry_id`) REFERENCES `inquiries`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `signed_ndas_stored_key_unique` ON `signed_ndas` (`stored_key`);
CREATE TABLE `status_links` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`inquiry_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`inquiry_id`) REFERENCES `inquiries`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `status_links_inquiry_idx` ON `status_links` (`inquiry_id`);--> statement-breakpoint
CREATE INDEX `inquiries_waiting_idx` ON `inquiries` (`state_changed_at`,`id`);--> statement-breakpoint
CREATE INDEX `inquiries_volume_idx` ON `inquiries` (`annual_volume`,`id`);
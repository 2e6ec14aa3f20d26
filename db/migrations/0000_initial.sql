CREATE TABLE `files` (
	`id` text PRIMARY KEY NOT NULL,
	`inquiry_id` text,
	`draft_token_hash` text,
	`status` text NOT NULL,
	`original_name` text NOT NULL,
	`stored_key` text NOT NULL,
	`size` integer DEFAULT 0 NOT NULL,
	`sha256` text,
	`kind` text,
	`format` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`inquiry_id`) REFERENCES `inquiries`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `files_stored_key_unique` ON `files` (`stored_key`);--> statement-breakpoint
CREATE INDEX `files_inquiry_idx` ON `files` (`inquiry_id`);--> statement-breakpoint
CREATE INDEX `files_draft_idx` ON `files` (`draft_token_hash`);--> statement-breakpoint
CREATE INDEX `files_status_uploaded_idx` ON `files` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `inquiries` (
	`id` text PRIMARY KEY NOT NULL,
	`reference` text NOT NULL,
	`status_token_hash` text NOT NULL,
	`state` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`locale` text NOT NULL,
	`company` text NOT NULL,
	`contact_name` text NOT NULL,
	`email` text NOT NULL,
	`phone` text,
	`country` text NOT NULL,
	`part_name` text NOT NULL,
	`part_number` text,
	`revision` text,
	`material` text NOT NULL,
	`annual_volume` integer NOT NULL,
	`general_tolerance` text,
	`critical_dimensions` text NOT NULL,
	`flatness_mm` real,
	`roundness_mm` real,
	`surface_treatment` text,
	`heat_treatment` text,
	`application` text,
	`target_price` real,
	`currency` text,
	`samples_needed_by` text,
	`nda_required` integer NOT NULL,
	`export_controlled` integer NOT NULL,
	`notes` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`state_changed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inquiries_reference_unique` ON `inquiries` (`reference`);--> statement-breakpoint
CREATE UNIQUE INDEX `inquiries_status_token_hash_unique` ON `inquiries` (`status_token_hash`);--> statement-breakpoint
CREATE INDEX `inquiries_state_created_idx` ON `inquiries` (`state`,`created_at`);--> statement-breakpoint
CREATE INDEX `inquiries_created_idx` ON `inquiries` (`created_at`);--> statement-breakpoint
CREATE TABLE `inquiry_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`inquiry_id` text NOT NULL,
	`type` text NOT NULL,
	`actor` text NOT NULL,
	`from_state` text,
	`to_state` text,
	`payload` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`inquiry_id`) REFERENCES `inquiries`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `inquiry_events_inquiry_idx` ON `inquiry_events` (`inquiry_id`,`id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`inquiry_id` text,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`locked_until` integer,
	`last_error` text,
	`message_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`inquiry_id`) REFERENCES `inquiries`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `reference_counters` (
	`year` integer PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);

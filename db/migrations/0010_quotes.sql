CREATE TABLE `quotes` (
	`id` text PRIMARY KEY NOT NULL,
	`inquiry_id` text NOT NULL,
	`version` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`row_version` integer DEFAULT 1 NOT NULL,
	`copied_from_id` text,
	`currency` text NOT NULL,
	`cavities` text NOT NULL,
	`quantities` text NOT NULL,
	`inputs` text NOT NULL,
	`overrides` text NOT NULL,
	`assumptions` text NOT NULL,
	`terms` text NOT NULL,
	`internal_notes` text DEFAULT '' NOT NULL,
	`buyer_notes` text DEFAULT '' NOT NULL,
	`rates_snapshot` text NOT NULL,
	`prices` text NOT NULL,
	`total` real NOT NULL,
	`lowest_margin_share` real NOT NULL,
	`approval_needed` integer NOT NULL,
	`prepared_by` text NOT NULL,
	`prepared_at` integer NOT NULL,
	`approved_by` text,
	`approved_at` integer,
	`sent_by` text,
	`sent_at` integer,
	`valid_until` integer,
	`pdf_key` text,
	`pdf_sha256` text,
	`first_viewed_at` integer,
	`answered_at` integer,
	`accepted_cavities` integer,
	`accepted_quantity` integer,
	`po_reference` text,
	`buyer_name` text,
	`decline_reason` text,
	`decline_text` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`inquiry_id`) REFERENCES `inquiries`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`copied_from_id`) REFERENCES `quotes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`prepared_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sent_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quotes_inquiry_version_idx` ON `quotes` (`inquiry_id`,`version`);--> statement-breakpoint
CREATE INDEX `quotes_status_valid_idx` ON `quotes` (`status`,`valid_until`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `attachments` text;--> statement-breakpoint
-- A sent version is what the buyer holds: its content and its frozen PDF can never change, and it
-- cannot be deleted. Only its status and the buyer's answer move on (superseded, accepted...).
CREATE TRIGGER `quotes_sent_frozen` BEFORE UPDATE ON `quotes` WHEN OLD.`sent_at` IS NOT NULL AND (
  NEW.`sent_at` IS NOT OLD.`sent_at` OR NEW.`sent_by` IS NOT OLD.`sent_by`
  OR NEW.`inquiry_id` IS NOT OLD.`inquiry_id` OR NEW.`version` IS NOT OLD.`version`
  OR NEW.`currency` IS NOT OLD.`currency` OR NEW.`cavities` IS NOT OLD.`cavities`
  OR NEW.`quantities` IS NOT OLD.`quantities` OR NEW.`inputs` IS NOT OLD.`inputs`
  OR NEW.`overrides` IS NOT OLD.`overrides` OR NEW.`assumptions` IS NOT OLD.`assumptions`
  OR NEW.`terms` IS NOT OLD.`terms` OR NEW.`buyer_notes` IS NOT OLD.`buyer_notes`
  OR NEW.`rates_snapshot` IS NOT OLD.`rates_snapshot` OR NEW.`prices` IS NOT OLD.`prices`
  OR NEW.`total` IS NOT OLD.`total` OR NEW.`approved_by` IS NOT OLD.`approved_by`
  OR NEW.`approved_at` IS NOT OLD.`approved_at` OR NEW.`valid_until` IS NOT OLD.`valid_until`
  OR NEW.`pdf_key` IS NOT OLD.`pdf_key` OR NEW.`pdf_sha256` IS NOT OLD.`pdf_sha256`
) BEGIN
  SELECT RAISE(ABORT, 'a sent quote version is immutable: edit a new version');
END;
--> statement-breakpoint
CREATE TRIGGER `quotes_sent_undeletable` BEFORE DELETE ON `quotes` WHEN OLD.`sent_at` IS NOT NULL BEGIN
  SELECT RAISE(ABORT, 'a sent quote version is immutable: it cannot be deleted');
END;

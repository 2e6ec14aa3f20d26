CREATE TABLE `inquiry_state_counts` (
	`state` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL
);

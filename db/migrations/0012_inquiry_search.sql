-- The review queue's text search: every 3-character sequence of the company, part name, part
-- number and e-mail, so a substring is found through the index instead of LIKE '%q%' over the table.
-- The table keeps its own copy of the text and the inquiry's id (not indexed): an external-content
-- table would have to share the inquiries' rowid, which VACUUM may renumber (inquiries has a text key).
CREATE VIRTUAL TABLE `inquiry_search` USING fts5(
  `inquiry_id` UNINDEXED, `company`, `part_name`, `part_number`, `email`, tokenize = 'trigram'
);
--> statement-breakpoint
INSERT INTO `inquiry_search` (`inquiry_id`, `company`, `part_name`, `part_number`, `email`)
  SELECT `id`, `company`, `part_name`, `part_number`, `email` FROM `inquiries`;
--> statement-breakpoint
CREATE TRIGGER `inquiry_search_insert` AFTER INSERT ON `inquiries` BEGIN
  INSERT INTO `inquiry_search` (`inquiry_id`, `company`, `part_name`, `part_number`, `email`)
    VALUES (NEW.`id`, NEW.`company`, NEW.`part_name`, NEW.`part_number`, NEW.`email`);
END;
--> statement-breakpoint
-- These columns are fixed at intake, so the scan of the search table a delete by inquiry_id costs
-- is paid only on a correction or a deletion, never on the review's state changes.
CREATE TRIGGER `inquiry_search_update` AFTER UPDATE OF `id`, `company`, `part_name`, `part_number`, `email` ON `inquiries` BEGIN
  DELETE FROM `inquiry_search` WHERE `inquiry_id` = OLD.`id`;
  INSERT INTO `inquiry_search` (`inquiry_id`, `company`, `part_name`, `part_number`, `email`)
    VALUES (NEW.`id`, NEW.`company`, NEW.`part_name`, NEW.`part_number`, NEW.`email`);
END;
--> statement-breakpoint
CREATE TRIGGER `inquiry_search_delete` AFTER DELETE ON `inquiries` BEGIN
  DELETE FROM `inquiry_search` WHERE `inquiry_id` = OLD.`id`;
END;

-- Keeps inquiry_state_counts equal to SELECT state, count(*) FROM inquiries GROUP BY state.
INSERT INTO `inquiry_state_counts` (`state`, `count`) SELECT `state`, count(*) FROM `inquiries` GROUP BY `state`;
--> statement-breakpoint
CREATE TRIGGER `inquiry_state_counts_insert` AFTER INSERT ON `inquiries` BEGIN
  INSERT INTO `inquiry_state_counts` (`state`, `count`) VALUES (NEW.`state`, 1)
    ON CONFLICT (`state`) DO UPDATE SET `count` = `count` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `inquiry_state_counts_update` AFTER UPDATE OF `state` ON `inquiries` WHEN OLD.`state` <> NEW.`state` BEGIN
  UPDATE `inquiry_state_counts` SET `count` = `count` - 1 WHERE `state` = OLD.`state`;
  INSERT INTO `inquiry_state_counts` (`state`, `count`) VALUES (NEW.`state`, 1)
    ON CONFLICT (`state`) DO UPDATE SET `count` = `count` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `inquiry_state_counts_delete` AFTER DELETE ON `inquiries` BEGIN
  UPDATE `inquiry_state_counts` SET `count` = `count` - 1 WHERE `state` = OLD.`state`;
END;

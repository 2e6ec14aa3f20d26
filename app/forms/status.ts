import { z } from "zod";
import { withCleanText } from "./text";

/** A post from the buyer's status page: more files, or the answer to an engineer's question. */
export const statusPostForm = withCleanText(
  z.object({
    intent: z.string().default(""),
    questionId: z.string().default(""),
    // Longer answers are cut rather than refused: the buyer may have pasted a whole e-mail thread.
    answer: z
      .string()
      .default("")
      .transform((v) => v.trim().slice(0, 8000)),
  }),
  ["answer"],
);

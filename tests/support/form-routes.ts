/** The Content-Type header of an HTML form post, for requests sent with raw-http's `send`. */
export const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

/** An inquiry id no inquiry has: `/review/${NO_SUCH}` still reads the form posted to it. */
export const NO_SUCH = "00000000-0000-0000-0000-000000000000";

/** A set-password token of the right length that no invitation has: `/set-password/${SPENT_TOKEN}`. */
export const SPENT_TOKEN = "x".repeat(43);

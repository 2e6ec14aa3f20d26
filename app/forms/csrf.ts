/** The hidden field every staff form carries with its session's anti-forgery token. */
export const CSRF_FIELD = "_csrf";

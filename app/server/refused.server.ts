/**
 * A request the rules refuse (stale version, wrong state, missing right): thrown inside a write
 * transaction so that everything written before it rolls back, then turned into the answer by the
 * caller. `at` says which field the refusal belongs beside, when the form has one.
 */
export class Refused<At = never> extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    message: string,
    readonly at?: At,
  ) {
    super(message);
    this.name = "Refused";
  }
}

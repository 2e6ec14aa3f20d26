import { useState, type Dispatch, type SetStateAction } from "react";

/**
 * State that local events update, and that starts over from `derive(source)` whenever `source`
 * changes (a new answer from the server). It is reset while rendering, as React recommends for
 * state that follows a prop, instead of in an effect that would render everything twice.
 */
export function useResetState<S, T>(source: S, derive: (source: S) => T): [T, Dispatch<SetStateAction<T>>] {
  const [value, setValue] = useState(() => derive(source));
  const [seen, setSeen] = useState(source);
  if (seen !== source) {
    setSeen(source);
    setValue(derive(source));
  }
  return [value, setValue];
}

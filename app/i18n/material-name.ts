import type { TFunction } from "i18next";
import { materialLabel } from "../../workflows/materials";

/**
 * A material as the buyer reads it. Most catalogue names are bare designations ("MIM-17-4 PH") and
 * stay as they are; the few that hold words ("H13 tool steel") have a wording per language in the
 * `materials` namespace. Only a bare designation is `designation`: a left-to-right run to isolate.
 * Inside an Arabic name the designation is a Latin run the bidi algorithm already keeps in order.
 */
export function materialName(t: TFunction, id: string): { text: string; designation: boolean } {
  const label = materialLabel(id);
  const text = t(`materials:${id}`, { defaultValue: label });
  return { text, designation: text === label };
}

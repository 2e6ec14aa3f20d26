import { STL_UNITS } from "~/forms/intake";
import { SelectField } from "./fields";

/** STL carries no unit: the buyer says which one their STL models are in (millimetres unless told). */
export function StlUnitField({ defaultValue, error }: { defaultValue?: string; error?: string }) {
  return (
    <SelectField
      name="stlUnit"
      label="Unit of STL models"
      defaultValue={defaultValue ?? "mm"}
      error={error}
      hint="STL files carry no unit. STEP and IGES files do, so this applies to STL only."
    >
      {STL_UNITS.map((u) => (
        <option key={u.value} value={u.value}>
          {u.label}
        </option>
      ))}
    </SelectField>
  );
}

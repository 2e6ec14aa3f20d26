import { useTranslation } from "react-i18next";
import { LENGTH_UNITS } from "../../workflows/model-metrics";
import { SelectField } from "./fields";

/** STL carries no unit: the buyer says which one their STL models are in (millimetres unless told). */
export function StlUnitField({ defaultValue, error }: { defaultValue?: string; error?: string }) {
  const { t } = useTranslation("intake");
  return (
    <SelectField
      name="stlUnit"
      label={t("files.stlUnit")}
      defaultValue={defaultValue ?? "mm"}
      error={error}
      hint={t("files.stlUnitHint")}
    >
      {LENGTH_UNITS.map((unit) => (
        <option key={unit} value={unit}>
          {t(`files.unit.${unit}`)}
        </option>
      ))}
    </SelectField>
  );
}

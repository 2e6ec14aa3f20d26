import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { materialName } from "../app/i18n/material-name";
import { translatorFor } from "../app/server/i18n/i18n.server";
import { materialLabel } from "../workflows/materials";

describe("a material's name for the buyer", () => {
  it("words a name that holds words in the buyer's language, and leaves a bare designation as it is", () => {
    expect(materialName(translatorFor("de"), "h13")).toEqual({ text: "Werkzeugstahl H13", designation: false });
    expect(materialName(translatorFor("ar"), "m2")).toEqual({ text: "فولاذ القطع السريع M2", designation: false });
    expect(materialName(translatorFor("de"), "mim-17-4ph")).toEqual({ text: "MIM-17-4 PH", designation: true });
    expect(materialName(translatorFor("ja"), "mim-316l")).toEqual({ text: "MIM-316L", designation: true });
  });

  it("keeps the English wording of every translated name equal to the catalogue's label", () => {
    const english = JSON.parse(fs.readFileSync(path.resolve("app/locales/en/materials.json"), "utf8")) as Record<
      string,
      string
    >;
    expect(Object.keys(english).length).toBeGreaterThan(0);
    for (const [id, name] of Object.entries(english)) expect(name, id).toBe(materialLabel(id));
  });
});

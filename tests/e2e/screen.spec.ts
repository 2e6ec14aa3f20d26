import path from "node:path";
import { expect, test } from "./axe";
import { e2eDataDir } from "../../playwright.config";
import { submitInquiry } from "../support/intake-client";
import { recipient, statusLinkIn, waitForMailbox } from "./mailbox";
import { binaryStl, box } from "../support/meshes";
import { ANALYSIS_DEADLINE, createStaff, openFromQueue, signIn } from "./staff";

// A 1 x 0.5 x 0.25 model drawn in inches: read as millimetres it is 25.4 times too small.
const inchModel = binaryStl(box(1, 0.5, 0.25));

test("an STL in the wrong unit is flagged 'check the unit', the screen says what it did not judge, and the buyer can state the unit", async ({
  page,
  browser,
  baseURL,
}) => {
  // Two analyses queue behind every other spec's uploads.
  test.setTimeout(2 * ANALYSIS_DEADLINE + 60_000);
  await page.goto("/rfq/new");
  await expect(page.getByLabel("Unit of STL models")).toHaveValue("mm");

  // An English-reading buyer: the status page is asserted in English.
  const { fields, reference } = await submitInquiry(baseURL!, {
    fields: { partName: "Tiny latch", material: "h13", language: "en" },
    files: [{ name: "latch.stl", content: inchModel }],
  });
  expect(reference).toMatch(/^RFQ-/);

  await signIn(page, await createStaff("Uma", ["engineer"]));
  await openFromQueue(page, reference);
  await page.getByRole("button", { name: "Start triage" }).click();
  await page.getByRole("button", { name: "Begin the engineering review" }).click();
  await expect(page.getByLabel("Current state")).toContainText("Suitability review");

  const model = page.getByRole("article", { name: "3D model latch.stl" });
  await expect(async () => {
    await page.reload();
    await expect(model).toContainText("Measured", { timeout: 1000 });
  }).toPass({ timeout: ANALYSIS_DEADLINE });
  await expect(model).toContainText("Check the unit: the largest dimension reads 1.00 mm");
  await expect(model).toContainText("STL has no units: read as millimetres");

  const screen = page.getByRole("complementary", { name: "Automatic MIM screen" });
  await expect(screen).toContainText("Automatic screen: AMBER");
  await expect(screen).toContainText("Check the unit: the STL's largest dimension reads 1 mm");
  await expect(screen.getByRole("region", { name: "Not judged" })).toContainText(
    "Size, mass and walls not judged: the STL's unit is in doubt.",
  );

  // The buyer sends the model again from the status page, in inches this time.
  const [mail] = await waitForMailbox(path.join(e2eDataDir, "mail"), (m) => recipient(m) === fields.email);
  const buyer = await (await browser.newContext()).newPage();
  await buyer.goto(statusLinkIn(mail!));
  await expect(buyer.getByRole("article", { name: "3D model latch.stl" })).toContainText("Check the unit");
  const addFiles = buyer.getByRole("form", { name: "Add files" });
  await addFiles.getByLabel("Unit of STL models").selectOption("in");
  await addFiles
    .getByLabel("More drawings or models")
    .setInputFiles({ name: "latch-inches.stl", mimeType: "model/stl", buffer: inchModel });
  await addFiles.getByRole("button", { name: "Add files" }).click();
  await expect(buyer.getByText("1 file was added.")).toBeVisible();

  const inches = buyer.getByRole("article", { name: "3D model latch-inches.stl" });
  await expect(async () => {
    await buyer.reload();
    await expect(inches).toContainText("Measured", { timeout: 1000 });
  }).toPass({ timeout: ANALYSIS_DEADLINE });
  await expect(inches).toContainText("25.4 × 12.7 × ");
  await expect(inches).toContainText("STL in inches, as chosen on the form");
  await expect(inches).not.toContainText("Check the unit");

  // The screen now measures the inch model (the largest), and still cannot weigh H13's mass.
  await page.reload();
  await expect(screen).toContainText("Largest dimension 25.4 mm fits the MIM envelope.");
  await expect(screen.getByRole("region", { name: "Not judged" })).toContainText(
    "Mass not judged: no density for H13 tool steel.",
  );
  await expect(screen).not.toContainText("Check the unit");
});

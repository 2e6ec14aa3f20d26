import type { Locator } from "@playwright/test";
import { expect, test } from "./axe";
import { binaryStl, voxels } from "../support/meshes";
import { submitInquiry } from "../support/intake-client";
import { ANALYSIS_DEADLINE, createStaff, openFromQueue, sendInquiry, signIn, waitForAnalyses, PLATE } from "./staff";

/** The share of the canvas's pixels that differ from the empty viewer's background. */
function drawnFraction(canvas: Locator): Promise<number> {
  return canvas.evaluate((element) => {
    const source = element as HTMLCanvasElement;
    const copy = document.createElement("canvas");
    copy.width = source.width;
    copy.height = source.height;
    const context = copy.getContext("2d")!;
    context.drawImage(source, 0, 0);
    const pixels = context.getImageData(0, 0, copy.width, copy.height).data;
    let differ = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (Math.abs(pixels[i]! - 0xf4) + Math.abs(pixels[i + 1]! - 0xf6) + Math.abs(pixels[i + 2]! - 0xf9) > 24)
        differ += 1;
    }
    return differ / (pixels.length / 4);
  });
}

test("the workspace measures the uploaded STEP model, renders it in the 3D viewer, and shows the drawing's first page", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(ANALYSIS_DEADLINE + 2 * 60_000);
  const reference = await sendInquiry(baseURL!, { partName: "NIST test plate", material: "mim-17-4ph" }, PLATE);
  // The page shows the analysis as it was when loaded: wait for the worker, then open it.
  expect(await waitForAnalyses(reference, ANALYSIS_DEADLINE)).toEqual([
    { name: "nist_ftc_11_asme1_rb.pdf", status: "done", reason: null },
    { name: "nist_ftc_11_asme1_rb.stp", status: "done", reason: null },
  ]);
  await signIn(page, await createStaff("Vic", ["engineer"]));
  await openFromQueue(page, reference);

  const model = page.getByRole("article", { name: "3D model nist_ftc_11_asme1_rb.stp" });
  await expect(model).toContainText("Measured");
  await expect(model).toContainText("63.0 × 63.0 × 3.0 mm");
  await expect(model).toContainText("watertight");
  await expect(model).toContainText("Undercutsnone: the part opens along z");
  await expect(model).toContainText("Bodies and voids1 body, no internal void");

  // The viewer loads three.js and the model once it comes near the screen, as the reader scrolls to it.
  await model.scrollIntoViewIfNeeded();
  const canvas = model.getByRole("img", { name: "3D preview of nist_ftc_11_asme1_rb.stp" });
  await expect(canvas).toBeVisible({ timeout: 60_000 });
  await expect(model.getByRole("button", { name: "Fit" })).toBeVisible();
  // SwiftShader renders in software: on a busy machine the first frame takes a while.
  await expect.poll(() => drawnFraction(canvas), { timeout: 60_000 }).toBeGreaterThan(0.02);
  await canvas.screenshot({ path: test.info().outputPath("viewer.png") });

  // The viewer draws only when the view changes: turning the model must still redraw it.
  const picture = () => canvas.evaluate((element) => (element as HTMLCanvasElement).toDataURL());
  const still = await picture();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 40, { steps: 8 });
  await page.mouse.up();
  await expect.poll(picture, { timeout: 30_000 }).not.toBe(still);

  // The drawing shows its first page and opens in the browser's own PDF viewer.
  const thumbnail = page.getByRole("img", { name: "First page of nist_ftc_11_asme1_rb.pdf" });
  await expect(thumbnail).toBeVisible();
  await expect.poll(() => thumbnail.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(100);
  const open = page.getByRole("link", { name: "Open in the browser" });
  const inline = await page.request.get((await open.getAttribute("href"))!);
  expect(inline.headers()["content-type"]).toBe("application/pdf");
  expect(inline.headers()["content-disposition"]).toMatch(/^inline;/);
});

test("the workspace names a side hole's undercut as a likely slide and marks it on the 3D view, with a keyboard toggle", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(ANALYSIS_DEADLINE + 2 * 60_000);
  // A 30 x 20 x 20 mm block with a pocket open to the top and a blind 4 x 4 mm hole in its side.
  const block = voxels([30, 20, 20], (i, j, k) => {
    const pocket = i >= 7 && i < 23 && j >= 5 && j < 15 && k >= 12;
    const hole = i < 8 && j >= 8 && j < 12 && k >= 4 && k < 8;
    return !pocket && !hole;
  });
  const { reference } = await submitInquiry(baseURL!, {
    fields: { partName: "Block with a side hole", material: "mim-17-4ph", ndaRequired: "no" },
    files: [{ name: "side-hole-block.stl", content: binaryStl(block) }],
  });
  expect(reference).toBeTruthy();
  expect(await waitForAnalyses(reference, ANALYSIS_DEADLINE)).toEqual([
    { name: "side-hole-block.stl", status: "done", reason: null },
  ]);
  await signIn(page, await createStaff("Uma", ["engineer"]));
  await openFromQueue(page, reference);

  const model = page.getByRole("article", { name: "3D model side-hole-block.stl" });
  await expect(model).toContainText(/Undercuts1 likely slide pulling along z \(\d+ mm² undercut\)/);
  await model.scrollIntoViewIfNeeded();
  const canvas = model.getByRole("img", { name: "3D preview of side-hole-block.stl" });
  await expect.poll(() => drawnFraction(canvas), { timeout: 60_000 }).toBeGreaterThan(0.02);
  const toggle = model.getByRole("checkbox", { name: "Show undercuts (1)" });
  await expect(toggle).toBeChecked();
  await expect(toggle).toHaveAccessibleDescription(/each box is a likely slide/);
  await canvas.screenshot({ path: test.info().outputPath("undercuts.png") });
  await model.screenshot({ path: test.info().outputPath("measurements.png") });

  // Keyboard only: Space hides the orange box, and the picture changes; again shows it.
  const picture = () => canvas.evaluate((element) => (element as HTMLCanvasElement).toDataURL());
  const marked = await picture();
  await toggle.focus();
  await page.keyboard.press("Space");
  await expect(toggle).not.toBeChecked();
  await expect.poll(picture, { timeout: 30_000 }).not.toBe(marked);
  await page.keyboard.press("Space");
  await expect(toggle).toBeChecked();
  await expect.poll(picture, { timeout: 30_000 }).toBe(marked);
});

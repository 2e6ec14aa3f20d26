import type { Readable } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { findPreviewKey } from "../../../db/queries/analyses";
import type { Services } from "../service-types";

/** A file's preview (a model's glTF, a drawing's first page), only through the inquiry it belongs to. */
export async function openPreview(
  services: Services,
  inquiryId: string,
  fileId: string,
): Promise<{ body: Readable; size: number; key: string } | null> {
  const key = findPreviewKey(services.db, inquiryId, fileId);
  if (!key) return null;
  return { ...(await services.storage.get(key)), key };
}

export function previewResponse(preview: { body: Readable; size: number; key: string }): Response {
  return new Response(createReadableStreamFromReadable(preview.body), {
    headers: {
      "Content-Type": preview.key.endsWith(".png") ? "image/png" : "model/gltf-binary",
      "Content-Length": String(preview.size),
      "Cache-Control": "private, no-store",
    },
  });
}

import { composeEmail, fileLines, paragraph, summaryTable, type RenderedEmail } from "./layout";

export type FilesAddedData = { reference: string; partName: string; files: { name: string; size: number }[] };

/** Tells engineering that the buyer sent more files to an inquiry already under way. */
export function filesAddedEmail(data: FilesAddedData): RenderedEmail {
  return composeEmail({
    subject: `Files added to ${data.reference}`,
    title: `Files added to ${data.reference}`,
    preheader: `The buyer added ${data.files.length} file(s) to ${data.reference}.`,
    parts: [
      paragraph(`The buyer added files to inquiry ${data.reference}.`),
      summaryTable([
        { label: "Reference", value: data.reference },
        { label: "Part", value: data.partName },
        { label: "Added files", value: fileLines(data.files) },
      ]),
    ],
  });
}

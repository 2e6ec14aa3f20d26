import { useTranslation } from "react-i18next";
import { Ltr } from "./ltr";

export type FileRow = {
  id: string;
  name: string;
  /** Written by the loader, in the page's language ("1,5 MB" for a German buyer). */
  size: string;
  kind: string | null;
  uploadedAt: string;
  revision?: boolean;
  /** A drawing's first page, when one has been rendered. */
  thumbnailUrl?: string | null;
};

/**
 * An inquiry's files, each a download link (an attachment), drawings with their first page to open
 * and read; with `closed`, the files are listed without links and `closed` says why. Its words are
 * the status page's, in the buyer's language there; staff pages get the English messages.
 */
export function FilesTable({
  files,
  href,
  closed,
}: {
  files: FileRow[];
  href: (fileId: string) => string;
  closed?: string | null;
}) {
  const { t } = useTranslation("status");
  return (
    <table className="data files" aria-label={t("files.table")}>
      <thead>
        <tr>
          <th scope="col">{t("files.file")}</th>
          <th scope="col">{t("files.type")}</th>
          <th scope="col">{t("files.size")}</th>
          <th scope="col">{t("files.received")}</th>
        </tr>
      </thead>
      <tbody>
        {files.map((file) => (
          <tr key={file.id}>
            <td>
              {file.thumbnailUrl ? (
                <a href={`${href(file.id)}?view`} target="_blank" rel="noreferrer" className="thumbnail">
                  <img src={file.thumbnailUrl} alt={t("files.firstPage", { name: file.name })} width={160} />
                </a>
              ) : null}
              {closed ? (
                <>
                  {file.name} <span className="muted">· {closed}</span>
                </>
              ) : (
                <a href={href(file.id)} download>
                  <Ltr>{file.name}</Ltr>
                </a>
              )}
              {file.revision ? <span className="badge badge-current"> {t("files.revision")}</span> : null}
              {file.thumbnailUrl ? (
                <>
                  {" · "}
                  <a href={`${href(file.id)}?view`} target="_blank" rel="noreferrer">
                    {t("files.open")}
                  </a>
                </>
              ) : null}
            </td>
            <td>{file.kind ? t("files.kind", { kind: file.kind }) : null}</td>
            <td>
              <Ltr>{file.size}</Ltr>
            </td>
            <td>{file.uploadedAt}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

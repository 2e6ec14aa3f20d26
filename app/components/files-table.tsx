import { formatBytes } from "~/utils/format";

export type FileRow = {
  id: string;
  name: string;
  size: number;
  kind: string | null;
  uploadedAt: string;
  revision?: boolean;
  /** A drawing's first page, when one has been rendered. */
  thumbnailUrl?: string | null;
};

/**
 * An inquiry's files, each a download link (an attachment), drawings with their first page to open
 * and read; with `closed`, the files are listed without links and `closed` says why.
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
  return (
    <table className="files" aria-label="Files">
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col">Type</th>
          <th scope="col">Size</th>
          <th scope="col">Received</th>
        </tr>
      </thead>
      <tbody>
        {files.map((file) => (
          <tr key={file.id}>
            <td>
              {file.thumbnailUrl ? (
                <a href={`${href(file.id)}?view`} target="_blank" rel="noreferrer" className="thumbnail">
                  <img src={file.thumbnailUrl} alt={`First page of ${file.name}`} width={160} />
                </a>
              ) : null}
              {closed ? (
                <>
                  {file.name} <span className="muted">· {closed}</span>
                </>
              ) : (
                <a href={href(file.id)} download>
                  {file.name}
                </a>
              )}
              {file.revision ? <span className="badge badge-current"> revision</span> : null}
              {file.thumbnailUrl ? (
                <>
                  {" · "}
                  <a href={`${href(file.id)}?view`} target="_blank" rel="noreferrer">
                    Open in the browser
                  </a>
                </>
              ) : null}
            </td>
            <td>{file.kind}</td>
            <td>{formatBytes(file.size)}</td>
            <td>{file.uploadedAt}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

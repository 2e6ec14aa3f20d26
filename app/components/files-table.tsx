import { formatBytes } from "~/utils/format";

export type FileRow = { id: string; name: string; size: number; kind: string | null; uploadedAt: string; revision?: boolean };

/** An inquiry's files, each a download link (served as an attachment by the route behind `href`). */
export function FilesTable({ files, href }: { files: FileRow[]; href: (fileId: string) => string }) {
  return (
    <table className="files">
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
              <a href={href(file.id)} download>
                {file.name}
              </a>
              {file.revision ? <span className="badge badge-current"> revision</span> : null}
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

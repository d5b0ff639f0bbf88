import { packageLayout } from './packageLayout.js';

const GUIDE = 'docs/app-package.md';

/** The designer's placeholder: what an app package is made of, and where to read about it meanwhile. */
export function DesignerHome() {
  return (
    <main>
      <h1>Leadforge designer</h1>
      <p>The visual designer arrives in a later release.</p>
      <p>
        Until then, write app packages as JSON files, check them with <code>leadforge validate &lt;folder&gt;</code> and
        publish them with <code>leadforge install &lt;folder&gt;</code>. The guide for template authors is{' '}
        <a href={`../../${GUIDE}`}>{GUIDE}</a> in the repository.
      </p>
      <h2>Definition kinds of an app package</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">kind</th>
            <th scope="col">file</th>
          </tr>
        </thead>
        <tbody>
          {packageLayout().map(({ kind, path }) => (
            <tr key={path}>
              <td>{kind}</td>
              <td>
                <code>{path}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type RequestHandler } from 'express';

const BUILT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/** Serves the built runtime web app (runtime/dist/web, made by `npm run build`), with index.html as fallback. */
export function webApp(root: string = BUILT): RequestHandler {
  const router = express.Router();
  if (!existsSync(path.join(root, 'index.html'))) {
    router.get('/', (_req, res) => {
      res.type('text/plain').send('The web app is not built yet: run `npm run build`. The API is under /api/v1.');
    });
    return router;
  }
  router.use(express.static(root, { index: 'index.html', maxAge: '1h' }));
  router.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(path.join(root, 'index.html')));
  return router;
}
